import { authErrorResponse, AuthRequestError, requestOrigin } from '@chatwire/auth/web';
import { errorResponse, toErrorResponse } from '@chatwire/server';
import { rewriteAttachmentUrls } from './attachment-urls.js';
import { browserResponseHeaders, isEventStream, isJson } from './forwarded-headers.js';
import type { ProxySettings } from './proxy-options.js';

/** A route handler: Web `Request` in, `Response` out (what Next's App Router and every fetch-style runtime call). */
export type RouteHandler = (request: Request) => Promise<Response>;

/**
 * Runs `handler` and answers what it throws: auth refusals as their JSON (401 with
 * `WWW-Authenticate`, 403), anything else as a logged 500 without details. A body nobody read
 * is dropped.
 */
export function guarded(settings: ProxySettings, handler: RouteHandler): RouteHandler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      // A browser that left mid-request gets no answer: nothing to log.
      if (request.signal.aborted) return errorResponse(499, 'client_closed', 'Client closed the request');
      const response = error instanceof AuthRequestError ? authErrorResponse(error) : toErrorResponse(error, settings.logger);
      if (request.body !== null && !request.bodyUsed) await request.body.cancel().catch(() => {});
      return response;
    }
  };
}

/**
 * The upstream's answer, streamed as it comes; with a `target`, attachment URLs in a JSON or SSE
 * body point at this site's attachment routes instead of the upstream.
 */
export function relayResponse(upstream: Response, target: string | undefined, settings: ProxySettings): Response {
  const rewrite = target !== undefined && upstream.body !== null && (isJson(upstream) || isEventStream(upstream));
  const headers = browserResponseHeaders(upstream, { sameBytes: !rewrite });
  const body =
    rewrite && upstream.body !== null
      ? rewriteAttachmentUrls(upstream.body, `${settings.endpoint.href}/attachments/`, target)
      : upstream.body;
  return new Response(body, { status: upstream.status, headers });
}

/**
 * Where this site serves attachments, as an absolute URL prefix ending in `/` (the configured
 * `attachmentsPath`, else `mountPath`); `undefined` when rewriting is off.
 */
export function attachmentsTarget(request: Request, settings: ProxySettings, mountPath: string): string | undefined {
  if (settings.attachmentsPath === false) return undefined;
  return `${requestOrigin(request, { trustProxy: settings.trustProxy })}${settings.attachmentsPath ?? mountPath}/`;
}

/** 405 for a method the route does not serve. */
export function methodNotAllowed(allow: string): Response {
  return errorResponse(405, 'method_not_allowed', `Use ${allow}`, { Allow: allow });
}
