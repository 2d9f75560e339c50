import { errorResponse, PayloadTooLargeError, silentLogger, toErrorResponse } from '@chatwire/server';
import { authorizeCaller } from './caller.js';
import { cappedStream } from './capped-stream.js';
import { upstreamRequestHeaders } from './forwarded-headers.js';
import type { ProxySettings } from './proxy-options.js';
import { attachmentsTarget, guarded, methodNotAllowed, relayResponse, type RouteHandler } from './relay.js';
import { callUpstream } from './upstream-call.js';
import { relayUpstreamError } from './upstream-errors.js';

export interface AttachmentRouteHandlers {
  /** `GET <mount>/{id}`: the attachment's bytes, streamed, with their content headers. */
  GET: RouteHandler;
  HEAD: RouteHandler;
  /** `PUT <mount>/{id}/upload` (the target of `upload_descriptor`): the body streamed to the upstream, capped. */
  PUT: RouteHandler;
  /** `POST <mount>/{id}/upload`: the same (a raw body or a multipart `file`). */
  POST: RouteHandler;
}

/** Attachment ids are short tokens (`atc_…` in the app); anything else never reaches the upstream. */
const ATTACHMENT_ID = /^[A-Za-z0-9_-]{1,128}$/;

type Target = { kind: 'download' | 'upload'; id: string; mount: string };

/**
 * The attachment routes, for one catch-all route file. The path is read from its end, so the
 * routes work wherever they are mounted: `…/{id}/upload` takes `PUT`/`POST`, `…/{id}` takes
 * `GET`/`HEAD`. An id that is not an attachment id is a 404 the upstream never sees.
 */
export function attachmentRoutes(settings: ProxySettings): AttachmentRouteHandlers {
  const download = guarded(settings, (request) => forwardDownload(request, settings));
  const upload = guarded(settings, (request) => forwardUpload(request, settings));
  return { GET: download, HEAD: download, PUT: upload, POST: upload };
}

async function forwardDownload(request: Request, settings: ProxySettings): Promise<Response> {
  const target = parseTarget(request);
  if (target === undefined) return notFound();
  if (target.kind !== 'download') return methodNotAllowed('PUT, POST');
  const token = await authorizeCaller(request, settings);
  const result = await callUpstream(
    { method: request.method, url: upstreamUrl(settings, target), headers: upstreamRequestHeaders(request, token), request },
    settings,
  );
  if (!result.ok) return result.response;
  if (result.response.status >= 400) return relayUpstreamError(result.response);
  return relayResponse(result.response, undefined, settings);
}

async function forwardUpload(request: Request, settings: ProxySettings): Promise<Response> {
  const target = parseTarget(request);
  if (target === undefined) return notFound();
  if (target.kind !== 'upload') return methodNotAllowed('GET, HEAD');
  const token = await authorizeCaller(request, settings);
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > settings.maxUploadBytes) return tooLarge(request, settings.maxUploadBytes);
  const body = request.body === null ? null : cappedStream(request.body, settings.maxUploadBytes);
  const result = await callUpstream(
    {
      method: request.method,
      url: upstreamUrl(settings, target),
      headers: upstreamRequestHeaders(request, token),
      body: body?.stream ?? null,
      request,
      bodyFault: () => (body?.exceeded() ? tooLargeResponse(settings.maxUploadBytes) : undefined),
    },
    settings,
  );
  if (!result.ok) return result.response;
  if (result.response.status >= 400) return relayUpstreamError(result.response);
  // The uploaded attachment's `preview_url` points here too.
  return relayResponse(result.response, attachmentsTarget(request, settings, target.mount), settings);
}

function parseTarget(request: Request): Target | undefined {
  const segments = new URL(request.url).pathname.split('/');
  const upload = segments.at(-1) === 'upload';
  const idIndex = segments.length - (upload ? 2 : 1);
  const id = decode(segments[idIndex] ?? '');
  if (idIndex < 1 || id === undefined || !ATTACHMENT_ID.test(id) || id === 'upload') return undefined;
  return { kind: upload ? 'upload' : 'download', id, mount: segments.slice(0, idIndex).join('/') };
}

function upstreamUrl(settings: ProxySettings, target: Target): URL {
  const url = new URL(settings.endpoint);
  url.pathname = `${url.pathname}/attachments/${encodeURIComponent(target.id)}${target.kind === 'upload' ? '/upload' : ''}`;
  return url;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function notFound(): Response {
  return errorResponse(404, 'not_found', 'Attachment not found');
}

function tooLargeResponse(limit: number): Response {
  return toErrorResponse(new PayloadTooLargeError(limit), silentLogger);
}

async function tooLarge(request: Request, limit: number): Promise<Response> {
  await request.body?.cancel().catch(() => {});
  return tooLargeResponse(limit);
}
