import { toWireAttachment, type Attachment, type AttachmentsCreateReq } from '@chatwire/protocol';
import { NotImplementedError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';

/** Registers an attachment with the attachment store, then saves its metadata. */
export async function attachmentsCreate<TContext>(request: AttachmentsCreateReq, env: RequestEnv<TContext>): Promise<Attachment> {
  if (!env.attachmentStore) throw new NotImplementedError('This server has no attachment store');
  const attachment = await env.attachmentStore.createAttachment(request.params, env.context);
  await env.store.saveAttachment(attachment, env.context);
  return toWireAttachment(attachment);
}
