import { AuthError, ForbiddenError, normalizeOrigin, parseCookieHeader, requestOrigin } from '@chatwire/auth/web';
import type { ProxySettings, TokenSource } from './proxy-options.js';

/** What `Authorization: Bearer` may carry (RFC 6750 `b64token`); anything else is never put in a header. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** The default token source: the cookie's value, as the browser sent it. */
export function cookieToken(name: string): TokenSource {
  return (request) => parseCookieHeader(request.headers.get('cookie')).get(name);
}

/**
 * Who may use the proxy, checked before anything reaches the upstream:
 * - a request from another site's page (an `Origin` that is neither this site's nor allowed) is
 *   refused with 403, whether or not it carries the cookie, so such a page learns nothing;
 * - a request that changes something (`POST`, `PUT`) must carry an allowed `Origin` (browsers
 *   send one on every such request), so the cookie never acts for a page that did not say where
 *   it came from;
 * - a read (`GET`, `HEAD`: an `<img>` or a link to an attachment) may come without one when the
 *   browser vouches for it with `Sec-Fetch-Site: same-origin` or `none` (typed or opened by the user);
 * - no token is 401 with `WWW-Authenticate`.
 * Returns the token to forward. Throws `ForbiddenError` or `AuthError` (answered by `authErrorResponse`).
 */
export async function authorizeCaller(request: Request, settings: ProxySettings): Promise<string> {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (!isAllowedOrigin(origin, request, settings)) throw new ForbiddenError('this page is not allowed to use the chat proxy');
  } else if (!vouchedRead(request)) {
    throw new ForbiddenError('a request to the chat proxy must carry an Origin header');
  }
  const token = await settings.getToken(request);
  if (token === undefined || token === null || token === '') throw new AuthError('sign in first: the request carries no session');
  if (!BEARER_TOKEN.test(token)) throw new AuthError('the session token is malformed; sign in again', 'invalid_token');
  return token;
}

function isAllowedOrigin(origin: string, request: Request, settings: ProxySettings): boolean {
  let normalized: string;
  try {
    normalized = normalizeOrigin(origin);
  } catch {
    // `null` (a sandboxed frame, a redirect across sites) and anything malformed.
    return false;
  }
  return (
    normalized === requestOrigin(request, { trustProxy: settings.trustProxy }) || settings.allowedOrigins.includes(normalized)
  );
}

function vouchedRead(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const site = request.headers.get('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}
