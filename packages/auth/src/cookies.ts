export const SESSION_COOKIE = 'chatwire_session';
/** How long a development session (its token and its cookie) lasts. */
export const SESSION_TTL_SEC = 12 * 60 * 60;

/** Cookie headers longer than this are not parsed at all (browsers send at most a few KB). */
const MAX_COOKIE_HEADER = 16 * 1024;
/** A JWT is base64url segments joined by dots; anything else is refused rather than escaped. */
const TOKEN_VALUE = /^[A-Za-z0-9._-]+$/;

export interface ProxyOptions {
  /** Honour `X-Forwarded-Proto` / `X-Forwarded-Host` (only behind a proxy that sets them). */
  trustProxy?: boolean;
}

/** True when the client reached us over https: the request URL, or a trusted proxy's `X-Forwarded-Proto`. */
export function isSecureRequest(request: Request, { trustProxy = false }: ProxyOptions = {}): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return trustProxy && firstForwarded(request.headers.get('x-forwarded-proto'))?.toLowerCase() === 'https';
}

/**
 * The origin the client used to reach us: scheme as `isSecureRequest`, host from a trusted
 * proxy's `X-Forwarded-Host`, else `Host`, else the request URL.
 */
export function requestOrigin(request: Request, options: ProxyOptions = {}): string {
  const url = new URL(request.url);
  const forwardedHost = options.trustProxy ? firstForwarded(request.headers.get('x-forwarded-host')) : undefined;
  const host = forwardedHost ?? request.headers.get('host') ?? url.host;
  const scheme = isSecureRequest(request, options) ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/** `Set-Cookie` value for a new session: HttpOnly, SameSite=Lax, Path=/, Secure when served over https. */
export function sessionCookie(
  token: string,
  { secure, maxAgeSec = SESSION_TTL_SEC }: { secure: boolean; maxAgeSec?: number },
): string {
  if (!TOKEN_VALUE.test(token)) throw new TypeError('session token must be a compact JWT');
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.floor(maxAgeSec)}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** `Set-Cookie` value that removes the session cookie. */
export function clearSessionCookie({ secure }: { secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Parses a `Cookie` header into a Map (no prototype to pollute). Malformed pairs are skipped,
 * values are never URI-decoded, and when a name repeats the first one wins, as browsers send
 * the most specific cookie first.
 */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header || header.length > MAX_COOKIE_HEADER) return cookies;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session token from the request's `Cookie` header, if there is a non-empty one. */
export function readSessionCookie(request: Request): string | undefined {
  const value = parseCookieHeader(request.headers.get('cookie')).get(SESSION_COOKIE);
  return value === undefined || value === '' ? undefined : value;
}

function firstForwarded(value: string | null): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}
