import type { JWTPayload } from 'jose';
import { readSessionCookie, requestOrigin, type ProxyOptions } from './cookies.js';
import { AuthError, ForbiddenError } from './errors.js';
import { normalizeOrigin } from './verifier-config.js';
import type { TokenVerifier } from './verify-token.js';

export interface AuthenticatedIdentity {
  /** The token's `sub`. */
  userId: string;
  claims: JWTPayload;
  via: 'bearer' | 'cookie';
}

export interface AuthenticateOptions extends ProxyOptions {
  verifier: TokenVerifier;
  /**
   * Origins, besides the app's own, allowed to make cookie-authenticated requests. The app's own
   * origin (as the client reached it, see `requestOrigin`) is always allowed.
   */
  allowedOrigins?: readonly string[];
}

/** Query parameters that would carry a token in a URL, where logs, history and Referer leak it. */
const URL_TOKEN_PARAMS = new Set(['token', 'access_token', 'id_token', 'jwt']);
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Who is calling. `Authorization: Bearer` wins; otherwise the session cookie, which only counts
 * when the request carries an allowed `Origin` (a cross-site page cannot make the browser
 * attach it). A token in the URL fails the request, whatever else it carries.
 * Throws `AuthError` (401), `ForbiddenError` (403) or `AuthUnavailableError` (503).
 */
export async function authenticateRequest(request: Request, options: AuthenticateOptions): Promise<AuthenticatedIdentity> {
  for (const name of new URL(request.url).searchParams.keys()) {
    if (URL_TOKEN_PARAMS.has(name.toLowerCase())) {
      throw new AuthError(
        `tokens in the URL are not accepted: drop the ${name} parameter and send Authorization: Bearer <token> or use the session cookie`,
        'invalid_request',
      );
    }
  }

  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) throw new AuthError('the Authorization header must be "Bearer <token>"', 'invalid_request');
    const verified = await options.verifier.verify(token);
    return { userId: verified.userId, claims: verified.claims, via: 'bearer' };
  }

  const cookie = readSessionCookie(request);
  if (cookie !== undefined) {
    checkOrigin(request, options);
    const verified = await options.verifier.verify(cookie);
    return { userId: verified.userId, claims: verified.claims, via: 'cookie' };
  }

  throw new AuthError('authentication required: send Authorization: Bearer <token> or sign in');
}

function checkOrigin(request: Request, options: AuthenticateOptions): void {
  const origin = request.headers.get('origin');
  if (origin === null || origin === '') {
    throw new ForbiddenError('a request authenticated by the session cookie must carry an Origin header');
  }
  let normalized: string;
  try {
    normalized = normalizeOrigin(origin);
  } catch {
    throw new ForbiddenError('the request Origin is not allowed to use the session cookie');
  }
  if (normalized === requestOrigin(request, options)) return;
  const allowed = (options.allowedOrigins ?? []).map((entry) => normalizeOrigin(entry, 'allowedOrigins'));
  if (!allowed.includes(normalized)) throw new ForbiddenError('the request Origin is not allowed to use the session cookie');
}
