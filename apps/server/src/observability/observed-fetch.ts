import type { Logger } from '@chatwire/server';

type AccessLogger = Logger & { debug?: (message: string, details?: Record<string, unknown>) => void };
import { requestIdFrom, requestScope, type RequestScope } from './request-scope.js';

type Fetch = (request: Request) => Promise<Response>;

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * The app's `fetch` with a request id and an access log: the id comes from the request scope the
 * Node server opened (or from `X-Request-Id` / a new one when called in-process), goes back in
 * the `X-Request-Id` header, and is on every log line written while the request is served. One
 * line per request: method, path (never the query), status and milliseconds to the headers.
 */
export function observedFetch(fetch: Fetch, logger: AccessLogger): Fetch {
  return (request) => {
    const scope = requestScope.getStore();
    if (scope) return serve(fetch, request, scope, logger);
    const fresh: RequestScope = { requestId: requestIdFrom(request.headers.get('x-request-id')) };
    return requestScope.run(fresh, () => serve(fetch, request, fresh, logger));
  };
}

async function serve(fetch: Fetch, request: Request, scope: RequestScope, logger: AccessLogger): Promise<Response> {
  const started = performance.now();
  const response = withRequestId(await fetch(request), scope.requestId);
  const { pathname } = new URL(request.url);
  const line = {
    method: request.method,
    path: pathname.slice(0, 200),
    status: response.status,
    durationMs: Math.round(performance.now() - started),
  };
  // Probes come every few seconds from every orchestrator, and their answer is what they report: debug only.
  if (PROBES.has(pathname)) logger.debug?.('request', line);
  else if (response.status >= 500) logger.warn('request', line);
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
