import { Attachment } from '@chatwire/protocol';
import type { ChatKitClient } from '../chatkit-client.js';
import { ProtocolError } from '../errors.js';
import { safeJson, toHttpError } from '../http-error.js';

/** How files reach the server, as `@openai/chatkit`'s `uploadStrategy` says. */
export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** A file to upload: a `File`, or any `Blob` with a name. */
export type UploadFile = Blob & { readonly name: string };

export interface UploadOptions {
  signal?: AbortSignal;
}

/**
 * Uploads one file and resolves to its `Attachment`, whose id goes with the next message.
 *
 * - `two_phase`: `attachments.create` with the file's name, size and type, then the bytes as the
 *   raw body to the `upload_descriptor` (its method and headers). An upload answer that is an
 *   `Attachment` (as the app's upload route gives) replaces the created one. An upload aborted
 *   (`signal`) or failed after the create deletes the created attachment (`attachments.delete`).
 * - `direct`: the file as the multipart field `file`, POSTed to `uploadUrl`, which must answer
 *   the `Attachment` (and store it itself).
 */
export async function uploadAttachment(
  client: ChatKitClient,
  file: UploadFile,
  strategy: UploadStrategy = { type: 'two_phase' },
  options: UploadOptions = {},
): Promise<Attachment> {
  if (strategy.type === 'direct') {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await client.fetchRelated(strategy.uploadUrl, { method: 'POST', body: form, signal: options.signal });
    if (!response.ok) throw await toHttpError(response);
    return parseAttachment(await response.text(), strategy.uploadUrl);
  }
  // Not abortable: a create the server got but whose answer we dropped would leave an
  // attachment nobody can delete. A removal before it answers is handled just below.
  const created = await client.createAttachment({
    name: file.name,
    size: file.size,
    mime_type: file.type || 'application/octet-stream',
  });
  try {
    options.signal?.throwIfAborted();
    const target = created.upload_descriptor;
    if (!target) return created;
    const response = await client.fetchRelated(target.url, {
      method: target.method,
      headers: { 'Content-Type': created.mime_type, ...target.headers },
      body: file,
      signal: options.signal,
    });
    if (!response.ok) throw await toHttpError(response);
    const answer = Attachment.safeParse(safeJson(await response.text().catch(() => '')));
    if (answer.success && answer.data.id === created.id) return answer.data;
    const { upload_descriptor: _uploaded, ...rest } = created;
    return rest;
  } catch (error) {
    // Removed or failed after the server created it: take it back, so nothing is left behind.
    await client.deleteAttachment({ attachment_id: created.id }).catch(() => {});
    throw error;
  }
}

function parseAttachment(text: string, url: string): Attachment {
  const parsed = Attachment.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new ProtocolError(
    `The upload to ${url} did not answer an attachment${where}: ${issue?.message ?? 'not JSON'}`,
    text.slice(0, 200),
  );
}
