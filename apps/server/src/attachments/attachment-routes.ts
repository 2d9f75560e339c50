import { buildRequestContext, requestOrigin, type AuthenticatedIdentity } from '@chatwire/auth';
import { toWireAttachment, type Attachment } from '@chatwire/protocol';
import {
  BadRequestError,
  ConflictError,
  errorResponse,
  jsonResponse,
  NotFoundError,
  PayloadTooLargeError,
  readBody,
  toErrorResponse,
  type Logger,
  type Store,
} from '@chatwire/server';
import type { AppAuth } from '../auth/app-auth.js';
import { credentialedRoutes, type RouteHandler } from '../auth/cors.js';
import type { AppContext } from '../context.js';
import { AttachmentTooLargeError, isAttachmentId, isImageType, type FileAttachmentStore } from './file-attachment-store.js';

export interface AttachmentRoutesDeps {
  auth: AppAuth;
  /** The app's store, or the error to answer while the database is not open yet. */
  store: () => Store<AppContext> | { unavailable: Error };
  files: FileAttachmentStore;
  logger: Logger;
}

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const ROUTE = /^\/chatkit\/attachments\/([^/]+)(\/upload)?$/;

/**
 * `PUT`/`POST /chatkit/attachments/{id}/upload` (the target of `upload_descriptor`) and
 * `GET /chatkit/attachments/{id}` (the bytes). Identity is checked as on `/chatkit`; another
 * user's id answers exactly as a missing one. Returns the methods for a path, or `undefined`
 * when the path is not one of these routes.
 */
export function attachmentRoutes(deps: AttachmentRoutesDeps): (pathname: string) => Record<string, RouteHandler> | undefined {
  const table = credentialedRoutes(
    {
      upload: { PUT: (request) => upload(request, deps), POST: (request) => upload(request, deps) },
      download: { GET: (request) => download(request, deps) },
    },
    deps.auth.allowedOrigins,
  );
  return (pathname) => {
    const match = ROUTE.exec(pathname);
    if (!match) return undefined;
    return match[2] === undefined ? table.download : table.upload;
  };
}

async function upload(request: Request, deps: AttachmentRoutesDeps): Promise<Response> {
  const identity = await deps.auth.authenticate(request);
  try {
    const { context, attachment, store } = await lookUp(request, identity, deps);
    if (attachment.upload_descriptor === undefined) {
      throw new ConflictError(`Attachment ${attachment.id} has already been uploaded`, 'already_uploaded');
    }
    const declared = typeof attachment.metadata?.size === 'number' ? attachment.metadata.size : undefined;
    const limit = Math.min(deps.files.maxBytes, declared ?? deps.files.maxBytes);
    const written = await receive(request, attachment.id, context, limit, deps.files);
    if (declared !== undefined && written !== declared) {
      await deps.files.deleteAttachment(attachment.id, context);
      throw new BadRequestError(
        `The upload has ${written} bytes; attachments.create declared ${declared}`,
        'size',
        'size_mismatch',
      );
    }
    const { upload_descriptor: _done, ...uploaded } = attachment;
    await store.saveAttachment(uploaded, context);
    return jsonResponse(JSON.stringify(toWireAttachment(uploaded)));
  } catch (error) {
    return refuse(request, error, deps.logger);
  }
}

async function download(request: Request, deps: AttachmentRoutesDeps): Promise<Response> {
  const identity = await deps.auth.authenticate(sameOriginGet(request));
  try {
    const { context, attachment } = await lookUp(request, identity, deps);
    const bytes = await deps.files.findBytes(attachment.id, context);
    if (bytes === undefined) throw new NotFoundError(`Attachment ${attachment.id} has not been uploaded`);
    const inline = attachment.type === 'image' && isImageType(attachment.mime_type);
    return new Response(request.method === 'HEAD' ? null : bytes.open(), {
      status: 200,
      headers: {
        'Content-Type': inline ? attachment.mime_type.split(';')[0]!.trim() : safeMimeType(attachment.mime_type),
        'Content-Length': String(bytes.size),
        'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.name),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private',
        // Whatever the bytes are, they never run as a page of the app.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    return refuse(request, error, deps.logger);
  }
}

/**
 * Browsers send no `Origin` on a same-origin `GET` (an `<img src>`, a link), so the cookie rule of
 * `/chatkit` alone would refuse the app's own page. Such a request is accepted when the browser
 * itself vouches for it with `Sec-Fetch-Site: same-origin` (a header pages cannot set); it is then
 * checked as if it carried the app's own origin. Anything else (no fetch metadata, `same-site`,
 * `cross-site`, `none`) keeps the `/chatkit` rule: a cookie needs an allowed `Origin`.
 */
function sameOriginGet(request: Request): Request {
  const headers = request.headers;
  if (headers.has('origin') || headers.has('authorization') || headers.get('sec-fetch-site') !== 'same-origin') return request;
  const vouched = new Headers(headers);
  vouched.set('origin', requestOrigin(request));
  return new Request(request.url, { method: 'GET', headers: vouched });
}

async function lookUp(request: Request, identity: AuthenticatedIdentity, deps: AttachmentRoutesDeps) {
  const store = deps.store();
  if ('unavailable' in store) throw store.unavailable;
  const context: AppContext = {
    ...buildRequestContext({ identity, acceptLanguage: request.headers.get('accept-language') }),
    origin: requestOrigin(request),
  };
  const id = decodeSegment(ROUTE.exec(new URL(request.url).pathname)?.[1] ?? '');
  // Checked before anything is looked up or touches the disk; answered as any missing attachment.
  if (!isAttachmentId(id)) throw new NotFoundError('Attachment not found');
  const attachment: Attachment = await store.loadAttachment(id, context);
  return { context, attachment, store };
}

/** The upload's bytes (the raw body, or the multipart field `file`) written to disk; their count. */
async function receive(
  request: Request,
  id: string,
  context: AppContext,
  limit: number,
  files: FileAttachmentStore,
): Promise<number> {
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = /^multipart\/form-data\s*;/i.test(contentType);
  const cap = multipart ? limit + MULTIPART_OVERHEAD_BYTES : limit;
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > cap) throw new AttachmentTooLargeError(limit);
  // A raw upload streams to disk, capped by the store; it is never held in memory.
  if (!multipart) return files.writeBytes(id, context, request.body ?? new Blob([]).stream(), limit);

  // The form is parsed from the body read up to the cap, so it cannot grow past the limit in memory.
  let form: FormData;
  try {
    const bytes = await readBody(request, cap);
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw new AttachmentTooLargeError(limit);
    throw new BadRequestError('The multipart body could not be read', 'file');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new BadRequestError('The multipart body needs a file field named "file"', 'file');
  return files.writeBytes(id, context, file.stream(), limit);
}

/** An error as its JSON answer; a body nobody read is dropped and the connection closed after. */
async function refuse(request: Request, error: unknown, logger: Logger): Promise<Response> {
  // A client that left mid-upload gets no answer, so there is nothing to log.
  if (request.signal.aborted) return errorResponse(499, 'client_closed', 'Client closed the request');
  const response = toErrorResponse(error, logger);
  if (request.body !== null && !request.bodyUsed) {
    response.headers.set('Connection', 'close');
    await request.body.cancel().catch(() => {});
  }
  return response;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** A stored type when it is a plain `type/subtype`, else `application/octet-stream`. */
function safeMimeType(mimeType: string): string {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare) ? bare : 'application/octet-stream';
}

/** `inline`/`attachment` with an ASCII fallback name and the exact name as RFC 5987 `filename*`. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const clean =
    name
      .replace(/[\u0000-\u001f\u007f/\\]/g, '')
      .trim()
      .slice(0, 200) || 'attachment';
  const ascii = clean.replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
