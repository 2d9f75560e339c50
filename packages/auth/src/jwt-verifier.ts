import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  jwksCache,
  type ExportedJWKSCache,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthConfigError, AuthUnavailableError } from './errors.js';
import { DEFAULT_ALGORITHMS, requireNonEmpty, validateAlgorithms, validateJwksUrl } from './verifier-config.js';
import { verifyToken, type TokenVerifier, type VerifiedToken } from './verify-token.js';

export interface JwtVerifierOptions {
  /** The identity provider's JWKS: https, or http on a loopback host. */
  jwksUrl: string | URL;
  /** Required `iss`. */
  issuer: string;
  /** Required `aud` (one of them, when several are given). */
  audience: string | readonly string[];
  /** Accepted JWS algorithms; asymmetric only. Default `RS256`, `ES256`, `EdDSA`. */
  algorithms?: readonly string[];
  /** Allowed clock skew for `exp`/`nbf`. Default 30 s. */
  clockToleranceSec?: number;
  /** Tokens longer than this are refused before they are decoded. Default 8192. */
  maxTokenBytes?: number;
  /** Fetch used for the JWKS (a proxy-aware client, a test double). Default the global `fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** After a successful fetch, an unknown `kid` triggers a refetch only once this has passed. Default 30 s. */
  cooldownSec?: number;
  /** Cached keys are refreshed after this. Default 600 s. */
  cacheMaxAgeSec?: number;
  /** While the JWKS is unreachable, keys last fetched up to this long after they went stale are still used. Default 1 day. */
  staleIfErrorSec?: number;
  /** After a failed fetch, requests skip the network for this long (cached keys or 503). Default 5 s. */
  retryAfterFailureSec?: number;
  /** Per-fetch timeout. Default 5000 ms. */
  timeoutMs?: number;
}

export interface JwtVerifier extends TokenVerifier {
  /** Fetches the JWKS now (startup checks, `doctor`); throws `AuthUnavailableError` when it cannot. */
  refresh(): Promise<void>;
}

/**
 * A verifier for tokens from an external identity provider. Keys come from its JWKS through
 * jose's remote key set: cached, refetched on an unknown `kid` at most once per cooldown,
 * concurrent fetches shared. When the JWKS cannot be fetched, the last keys fetched keep
 * working for `staleIfErrorSec`; with none, every request is `AuthUnavailableError` (503).
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const url = validateJwksUrl(options.jwksUrl);
  const issuer = requireNonEmpty(options.issuer, 'issuer');
  const audience = validateAudience(options.audience);
  const algorithms = validateAlgorithms(options.algorithms ?? DEFAULT_ALGORITHMS);
  const clockToleranceSec = nonNegative(options.clockToleranceSec ?? 30, 'clockToleranceSec');
  const maxTokenBytes = nonNegative(options.maxTokenBytes ?? 8192, 'maxTokenBytes');
  const cacheMaxAgeMs = nonNegative(options.cacheMaxAgeSec ?? 600, 'cacheMaxAgeSec') * 1000;
  const staleIfErrorMs = nonNegative(options.staleIfErrorSec ?? 86_400, 'staleIfErrorSec') * 1000;
  const retryAfterFailureMs = nonNegative(options.retryAfterFailureSec ?? 5, 'retryAfterFailureSec') * 1000;

  // jose writes every successful fetch here; it is what we fall back on when a refetch fails.
  const cache: Partial<ExportedJWKSCache> = {};
  const remote = createRemoteJWKSet(url, {
    cooldownDuration: nonNegative(options.cooldownSec ?? 30, 'cooldownSec') * 1000,
    cacheMaxAge: cacheMaxAgeMs,
    timeoutDuration: Math.round(nonNegative(options.timeoutMs ?? 5000, 'timeoutMs')),
    [jwksCache]: cache as ExportedJWKSCache,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });

  let failedAt: number | undefined;
  let lastKnown: { uat: number; resolve: ReturnType<typeof createLocalJWKSet> } | undefined;

  const fromLastKnown = async (header: JWSHeaderParameters, token: FlattenedJWSInput, cause?: unknown) => {
    const retryAfter = Math.max(1, Math.ceil(retryAfterFailureMs / 1000));
    if (cache.jwks && cache.uat !== undefined && lastKnown?.uat !== cache.uat) {
      lastKnown = { uat: cache.uat, resolve: createLocalJWKSet(cache.jwks) };
    }
    if (!lastKnown || Date.now() - lastKnown.uat > cacheMaxAgeMs + staleIfErrorMs) {
      throw new AuthUnavailableError(undefined, retryAfter, { cause });
    }
    try {
      return await lastKnown.resolve(header, token);
    } catch {
      // The key may exist in the set we could not fetch: unknown, not invalid.
      throw new AuthUnavailableError(undefined, retryAfter, { cause });
    }
  };

  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (failedAt !== undefined && Date.now() - failedAt < retryAfterFailureMs) return fromLastKnown(header, token);
    try {
      const key = await remote(header, token);
      failedAt = undefined;
      return key;
    } catch (error) {
      if (isTokenKeyError(error)) throw error;
      failedAt = Date.now();
      return fromLastKnown(header, token, error);
    }
  };

  const policy = { issuer, audience, algorithms, clockToleranceSec, maxTokenBytes };
  return {
    verify: (token: string): Promise<VerifiedToken> => verifyToken(token, getKey, policy),
    async refresh() {
      try {
        await remote.reload();
        failedAt = undefined;
      } catch (cause) {
        failedAt = Date.now();
        throw new AuthUnavailableError(`The JWKS at ${url.href} could not be fetched`, undefined, { cause });
      }
    },
  };
}

/** Errors that say "this token names no usable key", as opposed to "the keys could not be fetched". */
function isTokenKeyError(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported
  );
}

function validateAudience(audience: string | readonly string[]): string | readonly string[] {
  if (typeof audience === 'string') return requireNonEmpty(audience, 'audience');
  if (!Array.isArray(audience) || audience.length === 0) throw new AuthConfigError('audience', 'is required');
  audience.forEach((entry) => requireNonEmpty(entry, 'audience'));
  return audience;
}

function nonNegative(value: number, option: string): number {
  if (!Number.isFinite(value) || value < 0) throw new AuthConfigError(option, `must be a non-negative number, got ${value}`);
  return value;
}
