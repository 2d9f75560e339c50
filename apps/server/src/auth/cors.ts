import { AuthRequestError, authErrorResponse, normalizeOrigin, requestOrigin } from '@chatwire/auth';
import { errorResponse } from '@chatwire/server';

export type RouteHandler = (request: Request) => Promise<Response>;
/** Path → method → handler, as `app.ts` routes requests. */
export type RouteTable = Record<string, Record<string, RouteHandler>>;

/** Request headers a browser on an allowed origin may send cross-origin. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language';
/** Response headers its scripts may read. */
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After, X-Request-Id';
const PREFLIGHT_MAX_AGE_SEC = 600;

/**
 * The request's `Origin` when it is the app's own or one of `allowedOrigins`; `undefined` when it
 * is absent, `null`, malformed or anyone else's.
 */
export function trustedOrigin(request: Request, allowedOrigins: readonly string[]): string | undefined {
  const origin = request.headers.get('origin');
  if (origin === null || origin === '' || origin === 'null') return undefined;
  let normalized: string;
  try {
    normalized = normalizeOrigin(origin);
  } catch {
    return undefined;
  }
  return normalized === requestOrigin(request) || allowedOrigins.includes(normalized) ? origin : undefined;
}

/**
 * Routes that browsers call with credentials (`/chatkit`, the auth routes): each answers CORS
 * preflights, carries CORS headers for allowed origins only (credentials included, never with a
 * wildcard), and turns auth failures into their JSON answers (401 with `WWW-Authenticate`, 403,
 * 503 with `Retry-After`).
 */
export function credentialedRoutes(routes: RouteTable, allowedOrigins: readonly string[]): RouteTable {
  const table: RouteTable = {};
  for (const [path, methods] of Object.entries(routes)) {
    const wrapped: Record<string, RouteHandler> = {};
    for (const [method, handler] of Object.entries(methods)) {
      wrapped[method] = async (request) => withCors(request, await answerAuthErrors(handler, request), allowedOrigins);
    }
    const allow = [...Object.keys(methods), 'OPTIONS'].join(', ');
    wrapped.OPTIONS = async (request) => preflight(request, allow, allowedOrigins);
    table[path] = wrapped;
  }
  return table;
}

async function answerAuthErrors(handler: RouteHandler, request: Request): Promise<Response> {
  try {
    return await handler(request);
  } catch (error) {
    if (!(error instanceof AuthRequestError)) throw error;
    const response = authErrorResponse(error);
    // Refused before its body was read: close the connection rather than receive an upload
    // nobody will look at, and so the unread bytes cannot be taken for the next request.
    if (request.body !== null && !request.bodyUsed) {
      response.headers.set('Connection', 'close');
      await request.body.cancel().catch(() => {});
    }
    return response;
  }
}

function preflight(request: Request, allow: string, allowedOrigins: readonly string[]): Response {
  if (request.headers.get('origin') === null) return new Response(null, { status: 204, headers: { Allow: allow } });
  const origin = trustedOrigin(request, allowedOrigins);
  if (origin === undefined) {
    return errorResponse(403, 'forbidden_origin', 'This origin is not allowed to call this app', {
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  }
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': allow,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SEC),
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  });
}

/** The same response (its body still streaming), plus CORS headers when the origin is allowed. */
function withCors(request: Request, response: Response, allowedOrigins: readonly string[]): Response {
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Origin');
  const origin = trustedOrigin(request, allowedOrigins);
  if (origin !== undefined) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Credentials', 'true');
    headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
