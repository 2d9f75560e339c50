import type { AttachmentsDeleteReq } from '@chatwire/protocol';
import { NotImplementedError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';

/** Deletes the bytes, then the metadata. A missing or foreign attachment is a 404. */
export async function attachmentsDelete<TContext>(request: AttachmentsDeleteReq, env: RequestEnv<TContext>): Promise<object> {
  if (!env.attachmentStore) throw new NotImplementedError('This server has no attachment store');
  const { attachment_id } = request.params;
  await env.store.loadAttachment(attachment_id, env.context);
  await env.attachmentStore.deleteAttachment(attachment_id, env.context);
  await env.store.deleteAttachment(attachment_id, env.context);
  return {};
}
