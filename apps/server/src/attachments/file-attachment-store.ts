import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Attachment, AttachmentCreateParams } from '@chatwire/protocol';
import { ChatKitError, defaultGenerateId, type AttachmentStore } from '@chatwire/server';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../config.js';
import type { AppContext } from '../context.js';

/**
 * Ids as `defaultGenerateId('attachment')` makes them. Nothing else ever reaches the filesystem,
 * so no id can name a path outside the user's directory.
 */
const ATTACHMENT_ID = /^atc_[0-9a-f]{16}$/;

export function isAttachmentId(id: string): boolean {
  return ATTACHMENT_ID.test(id);
}

/** An attachment bigger than the app accepts: 413, whether declared up front or found while uploading. */
export class AttachmentTooLargeError extends ChatKitError {
  readonly code = 'attachment_too_large';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`Attachments may be at most ${limit} bytes`);
    this.name = 'AttachmentTooLargeError';
  }
}

export interface FileAttachmentStoreOptions {
  /** `CHATWIRE_DATA_DIR`; bytes live under `<dataDir>/attachments/<sha256(userId)>/<attachmentId>`. */
  dataDir: string;
  maxBytes?: number;
  /** The app's origin for a context that does not carry the request's own (`AppContext.origin`). */
  fallbackOrigin: string;
  /**
   * `CHATWIRE_PUBLIC_URL`: where clients reach the app, used instead of the request's origin (which
   * a proxy that rewrites `Host` gets wrong), its path prefix included.
   */
  publicUrl?: string | undefined;
}

/**
 * Attachment bytes on local disk, one directory per user (named by a hash, so no user id is a
 * path). `attachments.create` answers an `upload_descriptor` pointing at the app's own upload
 * route on the origin the client reached; the routes in `attachment-routes.ts` move the bytes.
 */
export class FileAttachmentStore implements AttachmentStore<AppContext> {
  readonly maxBytes: number;
  readonly #root: string;
  readonly #fallbackOrigin: string;
  readonly #publicUrl: string | undefined;

  constructor(options: FileAttachmentStoreOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
    this.#root = join(options.dataDir, 'attachments');
    this.#fallbackOrigin = options.fallbackOrigin;
    this.#publicUrl = options.publicUrl;
  }

  generateAttachmentId(_mimeType: string, _context: AppContext): string {
    return defaultGenerateId('attachment');
  }

  async createAttachment(input: AttachmentCreateParams, context: AppContext): Promise<Attachment> {
    if (input.size > this.maxBytes) throw new AttachmentTooLargeError(this.maxBytes);
    const id = this.generateAttachmentId(input.mime_type, context);
    const origin = this.#publicUrl ?? context.origin ?? this.#fallbackOrigin;
    const base = {
      id,
      name: input.name,
      mime_type: input.mime_type,
      upload_descriptor: { url: `${origin}/chatkit/attachments/${id}/upload`, method: 'PUT' as const, headers: {} },
      // Private: the size the client promised, which the upload must match.
      metadata: { size: input.size },
    };
    return isImageType(input.mime_type)
      ? { ...base, type: 'image', preview_url: `${origin}/chatkit/attachments/${id}` }
      : { ...base, type: 'file' };
  }

  async deleteAttachment(attachmentId: string, context: AppContext): Promise<void> {
    const path = this.#path(attachmentId, context);
    if (path !== undefined) await rm(path, { force: true });
  }

  /**
   * Streams `body` into a temporary file beside the final one, then renames it into place, so a
   * reader never sees half an upload. More than `limit` bytes stops the copy with
   * `AttachmentTooLargeError` and leaves nothing behind. Resolves to the number of bytes written.
   */
  async writeBytes(attachmentId: string, context: AppContext, body: ReadableStream<Uint8Array>, limit: number): Promise<number> {
    const path = this.#path(attachmentId, context);
    if (path === undefined) throw new TypeError('not an attachment id');
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomUUID()}.part`;
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.byteLength;
        callback(size > limit ? new AttachmentTooLargeError(limit) : null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
        counter,
        createWriteStream(temporary, { mode: 0o600 }),
      );
      await rename(temporary, path);
      return size;
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /**
   * The stored bytes' length and a way to read them, or `undefined` when none have been uploaded.
   * Nothing is opened until `open()`, so a `HEAD` costs one `stat`.
   */
  async findBytes(
    attachmentId: string,
    context: AppContext,
  ): Promise<{ size: number; open(): ReadableStream<Uint8Array> } | undefined> {
    const path = this.#path(attachmentId, context);
    if (path === undefined) return undefined;
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return { size: info.size, open: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array> };
  }

  /**
   * All the stored bytes, or `undefined` when there are none or there are more than `limit`
   * (read for the model, which gets an image whole or not at all).
   */
  async readBytes(attachmentId: string, context: AppContext, limit: number): Promise<Uint8Array | undefined> {
    const found = await this.findBytes(attachmentId, context);
    if (!found || found.size > limit) return undefined;
    return new Uint8Array(await new Response(found.open()).arrayBuffer());
  }

  #path(attachmentId: string, context: AppContext): string | undefined {
    if (!isAttachmentId(attachmentId)) return undefined;
    const owner = createHash('sha256').update(context.userId).digest('hex');
    return join(this.#root, owner, attachmentId);
  }
}

/**
 * Raster images a browser shows in an `<img>` and nothing more. SVG is not among them: it can
 * carry script, and opened on its own it would run on the app's origin. Anything else is a file.
 */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function isImageType(mimeType: string): boolean {
  return IMAGE_TYPES.has(mimeType.split(';')[0]!.trim().toLowerCase());
}
