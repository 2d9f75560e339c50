import type { Attachment, ThreadMetadata, UserMessageInput, UserMessageItem } from '@chatwire/protocol';
import { ConflictError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';

/** New input is refused on a locked or closed thread (the reference leaves this to integrators). */
export function assertAcceptsInput(thread: ThreadMetadata): void {
  if (thread.status.type === 'active') return;
  const reason = thread.status.reason ? `: ${thread.status.reason}` : '';
  throw new ConflictError(`Thread is ${thread.status.type}${reason}`, `thread_${thread.status.type}`);
}

/**
 * Builds the user message item for `input`. Attachments are loaded by id (a missing or foreign
 * one is a `NotFoundError`) and tagged with the thread they were sent in.
 */
export async function buildUserMessage<TContext>(
  input: UserMessageInput,
  thread: ThreadMetadata,
  env: RequestEnv<TContext>,
): Promise<UserMessageItem> {
  const attachments: Attachment[] = [];
  for (const id of input.attachments) {
    const attachment = await env.store.loadAttachment(id, env.context);
    attachments.push({ ...attachment, thread_id: thread.id });
  }
  return {
    id: env.store.generateItemId('message', thread, env.context),
    thread_id: thread.id,
    created_at: env.now(),
    type: 'user_message',
    content: input.content,
    attachments,
    quoted_text: input.quoted_text,
    inference_options: input.inference_options,
  };
}

/** Saves the message's attachments (now tied to the thread) and the message itself. */
export async function saveUserMessage<TContext>(message: UserMessageItem, env: RequestEnv<TContext>): Promise<void> {
  for (const attachment of message.attachments) await env.store.saveAttachment(attachment, env.context);
  await env.store.addThreadItem(message.thread_id, message, env.context);
}
