/**
 * Which headers cross the proxy, as allow-lists: nothing the browser sends reaches the upstream
 * unless it is listed (no cookies, no `Authorization` of its own, no `Host`, no hop-by-hop
 * headers), and nothing the upstream answers reaches the browser unless it is listed (never
 * `Set-Cookie`, never CORS headers meant for the upstream's own origin).
 */

const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent', 'traceparent', 'tracestate', 'x-request-id'];

const RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'x-accel-buffering',
  'retry-after',
  'www-authenticate',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
  'etag',
  'last-modified',
  'x-request-id',
  // Which Chatwire extensions (stop, resume) the server has: the client feature-detects them with it.
  'x-chatwire-extensions',
];

/** The upstream request's headers: the allowed ones from the browser, plus the token. */
export function upstreamRequestHeaders(request: Request, token: string): Headers {
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('authorization', `Bearer ${token}`);
  return headers;
}

export interface ResponseHeaderOptions {
  /** The body is the upstream's byte for byte, so its length still holds. */
  sameBytes: boolean;
}

/**
 * The browser's response headers: the allowed ones from the upstream. `Content-Length` crosses
 * only when the body is the upstream's bytes as they came (fetch has undone any
 * `Content-Encoding`, which therefore never crosses). A stream is marked `no-transform`, so a
 * compressing layer in front (Next's own `compress`, a CDN) passes it through instead of
 * buffering it.
 */
export function browserResponseHeaders(upstream: Response, { sameBytes }: ResponseHeaderOptions): Headers {
  const headers = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const length = upstream.headers.get('content-length');
  if (sameBytes && length !== null && !upstream.headers.has('content-encoding')) headers.set('content-length', length);
  if (isEventStream(upstream)) {
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return headers;
}

export function isEventStream(response: Response): boolean {
  return /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');
}

export function isJson(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '');
}
