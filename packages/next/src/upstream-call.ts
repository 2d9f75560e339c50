import { errorResponse } from '@chatwire/server';
import type { ProxySettings } from './proxy-options.js';

export interface UpstreamCall {
  method: string;
  url: URL;
  headers: Headers;
  body?: BodyInit | null;
  /** The browser's request: when it aborts (the user pressed Stop, closed the tab), so does the upstream call. */
  request: Request;
  /** When the call fails, the answer to give if the browser's own body was at fault (too large, say). */
  bodyFault?: () => Response | undefined;
}

export type UpstreamResult = { ok: true; response: Response } | { ok: false; response: Response };

/** Browsers answer no one who has left; 499 is what proxies log for it. */
const CLIENT_CLOSED = () => errorResponse(499, 'client_closed', 'Client closed the request');

/**
 * One call to the upstream. Its signal follows the browser's request for the whole exchange, the
 * streamed body included, so an abort reaches the upstream as a closed connection. Redirects are
 * never followed: the token would go wherever they point. Failures become JSON errors the chat
 * client understands (502 unreachable, 504 no answer in time), logged without the token.
 */
export async function callUpstream(call: UpstreamCall, settings: ProxySettings): Promise<UpstreamResult> {
  const controller = new AbortController();
  const { signal: client } = call.request;
  if (client.aborted) return { ok: false, response: CLIENT_CLOSED() };
  // Never removed: it must also cut the body the proxy streams after the headers have come.
  client.addEventListener('abort', () => controller.abort(client.reason), { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('upstream headers timeout'));
  }, settings.headersTimeoutMs);
  try {
    const init: RequestInit & { duplex?: 'half' } = {
      method: call.method,
      headers: call.headers,
      body: call.body ?? null,
      redirect: 'manual',
      signal: controller.signal,
      cache: 'no-store',
    };
    if (call.body instanceof ReadableStream) init.duplex = 'half';
    const response = await settings.fetch(call.url, init);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      settings.logger.error('The chat upstream answered with a redirect, which the proxy does not follow', {
        upstream: call.url.origin + call.url.pathname,
        status: response.status,
      });
      return { ok: false, response: errorResponse(502, 'upstream_error', 'The chat service answered with a redirect') };
    }
    return { ok: true, response };
  } catch (error) {
    if (client.aborted) return { ok: false, response: CLIENT_CLOSED() };
    const fault = call.bodyFault?.();
    if (fault !== undefined) return { ok: false, response: fault };
    if (timedOut) {
      settings.logger.warn('The chat upstream did not answer in time', {
        upstream: call.url.origin,
        timeoutMs: settings.headersTimeoutMs,
      });
      return {
        ok: false,
        response: errorResponse(504, 'upstream_timeout', 'The chat service did not answer in time', { 'Retry-After': '5' }),
      };
    }
    settings.logger.warn('The chat upstream is unreachable', { upstream: call.url.origin, ...causeOf(error) });
    return {
      ok: false,
      response: errorResponse(502, 'upstream_unreachable', 'The chat service is unreachable; try again shortly', {
        'Retry-After': '5',
      }),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Names the network failure (`ECONNREFUSED`, a DNS error) without anything the request carried. */
function causeOf(error: unknown): Record<string, unknown> {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return { error: cause instanceof Error ? cause.name : String(cause), ...(code !== undefined && { code }) };
}
