import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { requestIdFrom, requestScope } from './request-scope.js';

const tracer = trace.getTracer('chatwire-app');

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves each request inside its request scope (the id every log line carries) and its HTTP
 * server span, both of which last until the response is over: a streamed reply's writes, model
 * calls and store calls happen after the handler returned, and belong to the request all the same.
 */
export function observedListener(listener: Listener): Listener {
  return (req, res) => {
    const header = req.headers['x-request-id'];
    const requestId = requestIdFrom(Array.isArray(header) ? header[0] : header);
    requestScope.run({ requestId }, () => {
      const path = (req.url ?? '/').split('?', 1)[0]!;
      const span = tracer.startSpan(`${req.method ?? 'GET'} ${routeOf(path)}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method ?? 'GET',
          'url.path': path.slice(0, 200),
          'chatwire.request_id': requestId,
        },
      });
      res.once('close', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        if (!res.writableFinished) span.setAttribute('chatwire.client_closed', true);
        span.end();
      });
      context.with(trace.setSpan(context.active(), span), () => listener(req, res));
    });
  };
}

/** The route, with ids replaced, so spans group by route rather than by attachment. */
function routeOf(path: string): string {
  return path.startsWith('/chatkit/attachments/')
    ? path.replace(/^\/chatkit\/attachments\/[^/]+/, '/chatkit/attachments/{id}')
    : path;
}
