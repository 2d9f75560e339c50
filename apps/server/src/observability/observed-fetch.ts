import type { Logger } from '@chatwire/server';
import { requestIdFrom, requestScope, type RequestScope } from './request-scope.js';

type Fetch = (request: Request) => Promise<Response>;

/**
 * The app's `fetch` with a request id and an access log: the id comes from the request scope the
 * Node server opened (or from `X-Request-Id` / a new one when called in-process), goes back in
 * the `X-Request-Id` header, and is on every log line written while the request is served. One
 * line per request: method, path (never the query), status and milliseconds to the headers.
 */
export function observedFetch(fetch: Fetch, logger: Logger): Fetch {
  return (request) => {
    const scope = requestScope.getStore();
    if (scope) return serve(fetch, request, scope, logger);
    const fresh: RequestScope = { requestId: requestIdFrom(request.headers.get('x-request-id')) };
    return requestScope.run(fresh, () => serve(fetch, request, fresh, logger));
  };
}

async function serve(fetch: Fetch, request: Request, scope: RequestScope, logger: Logger): Promise<Response> {
  const started = performance.now();
  const response = withRequestId(await fetch(request), scope.requestId);
  const { pathname } = new URL(request.url);
  const line = {
    method: request.method,
    path: pathname.slice(0, 200),
    status: response.status,
    durationMs: Math.round(performance.now() - started),
  };
  if (response.status >= 500) logger.warn('request', line);
  else logger.info('request', line);
  return response;
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('X-Request-Id', requestId);
    return response;
  } catch {
    // Immutable headers (a response made by `fetch`, say): copy them.
    const headers = new Headers(response.headers);
    headers.set('X-Request-Id', requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
