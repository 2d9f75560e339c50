import {
  authenticateRequest,
  createJwtVerifier,
  loadDevIdentity,
  type AuthenticatedIdentity,
  type DevIdentity,
  type TokenVerifier,
} from '@chatwire/auth';
import type { Logger } from '@chatwire/server';
import type { AppConfig } from '../config.js';

/** Who may call the app, as the app's routes need it. */
export interface AppAuth {
  /** `production` when `AUTH_JWKS_URL` is set; `development` signs users in itself. */
  readonly mode: 'production' | 'development';
  /** Origins besides the app's own allowed to use the session cookie and CORS. */
  readonly allowedOrigins: readonly string[];
  /**
   * Bearer token or session cookie (with an allowed `Origin`), from the headers alone. Throws
   * `AuthError` (401), `ForbiddenError` (403) or `AuthUnavailableError` (503).
   */
  authenticate(request: Request): Promise<AuthenticatedIdentity>;
  /**
   * The app's own signer, in every mode: development sessions, `/.well-known/jwks.json`, and
   * short-lived tokens the app mints for other services (MCP servers).
   */
  signer(): Promise<DevIdentity>;
  /** Resolves once the signing key is loaded (created on first start); rejects with what stopped it. */
  ready(): Promise<void>;
}

/**
 * The app's origin as its own tokens name it (`iss`): where it listens, with the wildcard
 * addresses read as loopback, since that is where a local client reaches them.
 */
export function appOrigin(config: Pick<AppConfig, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

export function createAppAuth(config: AppConfig, logger: Logger): AppAuth {
  const signer = loadDevIdentity({ dataDir: config.dataDir, origin: appOrigin(config) });
  // Surfaced by ready() and by the requests that need the signer; never an unhandled rejection.
  signer.catch(() => {});

  const provider = config.auth.provider;
  let verifier: TokenVerifier;
  if (provider) {
    const remote = createJwtVerifier({
      jwksUrl: provider.jwksUrl,
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms: provider.algorithms,
    });
    // Warm the key cache so the first request does not pay for the fetch. A provider that is
    // down now is not fatal: requests answer 503 until it is back.
    remote.refresh().catch((error: unknown) => {
      logger.warn('The identity provider JWKS could not be fetched at startup', {
        jwksUrl: provider.jwksUrl,
        detail: error instanceof Error ? error.message : String(error),
      });
    });
    verifier = remote;
  } else {
    verifier = { verify: async (token) => (await signer).verifier.verify(token) };
  }

  // Behind a proxy the browser's page is on the public origin, which is the app's own.
  const allowedOrigins = config.publicUrl
    ? [...new Set([...config.auth.allowedOrigins, new URL(config.publicUrl).origin])]
    : config.auth.allowedOrigins;
  return {
    mode: provider ? 'production' : 'development',
    allowedOrigins,
    authenticate: (request) => authenticateRequest(request, { verifier, allowedOrigins }),
    signer: () => signer,
    ready: async () => {
      await signer;
    },
  };
}
