import { authorizeCaller } from './caller.js';
import { upstreamRequestHeaders } from './forwarded-headers.js';
import type { ProxySettings } from './proxy-options.js';
import { readCappedBody } from './read-capped-body.js';
import { attachmentsTarget, relayResponse } from './relay.js';
import { callUpstream } from './upstream-call.js';
import { relayUpstreamError } from './upstream-errors.js';

/**
 * `POST` one ChatKit request: checked caller, capped body, the token as `Authorization: Bearer`,
 * the answer (JSON or SSE) streamed back. Attachment routes are taken to sit below this one
 * (`<this path>/attachments`) unless `attachmentsPath` says otherwise.
 */
export async function forwardChat(request: Request, settings: ProxySettings): Promise<Response> {
  const token = await authorizeCaller(request, settings);
  const body = await readCappedBody(request, settings.maxBodyBytes);
  if (body instanceof Response) return body;
  const result = await callUpstream(
    { method: 'POST', url: settings.endpoint, headers: upstreamRequestHeaders(request, token), body, request },
    settings,
  );
  if (!result.ok) return result.response;
  const upstream = result.response;
  if (upstream.status >= 400) return relayUpstreamError(upstream);
  const mount = `${new URL(request.url).pathname.replace(/\/+$/, '')}/attachments`;
  return relayResponse(upstream, attachmentsTarget(request, settings, mount), settings);
}
