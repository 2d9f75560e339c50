import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { SESSION_TTL_SEC } from './cookies.js';
import { AuthConfigError } from './errors.js';
import { loadOrCreateSigningKey, type SigningAlgorithm } from './signing-key-file.js';
import { normalizeOrigin } from './verifier-config.js';
import { verifyToken, type TokenVerifier } from './verify-token.js';

/** The `aud` of session tokens: tokens for anything else can never open a session. */
export const SESSION_AUDIENCE = 'chatwire';
export { SESSION_TTL_SEC };
export const MAX_MINTED_TTL_SEC = 300;

/** Claims `mintToken` sets itself; callers cannot override them. */
const REGISTERED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const MAX_USER_ID_LENGTH = 256;

export interface DevIdentityOptions {
  /** Where the key pair lives (`CHATWIRE_DATA_DIR`). */
  dataDir: string;
  /** The app's origin, used as `iss` of every token. */
  origin: string;
  /** Algorithm for a newly generated key; an existing key file keeps its own. Default `EdDSA` (Ed25519). */
  algorithm?: SigningAlgorithm;
  /** Lifetime of session tokens. Default 12 h. */
  sessionTtlSec?: number;
}

export interface SessionUser {
  userId: string;
  name?: string;
  email?: string;
}

export interface MintTokenInput {
  userId: string;
  /** The one service this token is for (e.g. an MCP server's URL); never `chatwire`. */
  audience: string;
  /** At most 300 s. Default 120 s. */
  ttlSec?: number;
  /** Extra claims such as `scope`; registered claims are refused. */
  claims?: Record<string, unknown>;
}

export interface DevIdentity {
  readonly issuer: string;
  readonly algorithm: SigningAlgorithm;
  readonly kid: string;
  /** Public keys only, for `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
  /** A session token: `iss` the app origin, `aud` `chatwire`, 12 h. */
  signSession(user: SessionUser): Promise<string>;
  /** A short-lived token bound to one audience, for the app to present to another service. */
  mintToken(input: MintTokenInput): Promise<string>;
  /** Verifies session tokens against the local public key (no HTTP). */
  readonly verifier: TokenVerifier;
}

/**
 * The app's own signer. In development (no `AUTH_JWKS_URL`) it is the identity provider: its
 * session tokens sign users in. In every mode it mints audience-bound tokens for outside services.
 */
export async function loadDevIdentity(options: DevIdentityOptions): Promise<DevIdentity> {
  const issuer = normalizeOrigin(options.origin, 'origin');
  const sessionTtlSec = options.sessionTtlSec ?? SESSION_TTL_SEC;
  if (!Number.isInteger(sessionTtlSec) || sessionTtlSec <= 0) {
    throw new AuthConfigError('sessionTtlSec', `must be a positive whole number of seconds, got ${sessionTtlSec}`);
  }
  const key = await loadOrCreateSigningKey(options.dataDir, options.algorithm);
  const privateKey = (await importJWK(key.privateJwk, key.alg, { extractable: false })) as CryptoKey;
  const jwks: JSONWebKeySet = { keys: [key.publicJwk] };
  const localKeys = createLocalJWKSet(jwks);

  const sign = (userId: string, audience: string, ttlSec: number, claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(checkUserId(userId))
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSec)
      .setJti(randomUUID())
      .sign(privateKey);
  };

  const policy = {
    issuer,
    audience: SESSION_AUDIENCE,
    algorithms: [key.alg],
    clockToleranceSec: 30,
    maxTokenBytes: 8192,
  };

  return {
    issuer,
    algorithm: key.alg,
    kid: key.kid,
    jwks: () => structuredClone(jwks),
    signSession: async ({ userId, name, email }) =>
      sign(userId, SESSION_AUDIENCE, sessionTtlSec, {
        ...(name !== undefined ? { name } : {}),
        ...(email !== undefined ? { email } : {}),
      }),
    mintToken: async ({ userId, audience, ttlSec = 120, claims = {} }) => {
      if (typeof audience !== 'string' || audience === '') throw new TypeError('mintToken: audience is required');
      if (audience === SESSION_AUDIENCE)
        throw new TypeError(`mintToken: audience "${SESSION_AUDIENCE}" is reserved for sessions`);
      if (!Number.isInteger(ttlSec) || ttlSec <= 0 || ttlSec > MAX_MINTED_TTL_SEC) {
        throw new RangeError(`mintToken: ttlSec must be a whole number from 1 to ${MAX_MINTED_TTL_SEC}, got ${ttlSec}`);
      }
      const reserved = Object.keys(claims).filter((claim) => REGISTERED_CLAIMS.has(claim));
      if (reserved.length > 0) throw new TypeError(`mintToken: claims may not set ${reserved.join(', ')}`);
      return sign(userId, audience, ttlSec, claims);
    },
    verifier: { verify: (token) => verifyToken(token, localKeys, policy) },
  };
}

function checkUserId(userId: string): string {
  if (typeof userId !== 'string' || userId === '' || userId.length > MAX_USER_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(userId)) {
    throw new TypeError(`userId must be 1 to ${MAX_USER_ID_LENGTH} printable characters`);
  }
  return userId;
}
