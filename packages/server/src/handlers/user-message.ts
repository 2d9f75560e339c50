import type { Attachment, ThreadMetadata, UserMessageInput, UserMessageItem } from '@chatwire/protocol';
import { BadRequestError, ConflictError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';

/**
 * New input of any kind (a message, a retry, a widget action, a client tool's output, answers to
 * a structured input) is refused on a locked or closed thread: 409 `thread_locked` or
 * `thread_closed`, with the thread's reason. The reference leaves this to integrators.
 */
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
  assertWithinLength(input, env.limits?.maxMessageChars);
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

/** `limits.maxMessageChars`, counted in code points over the text parts, tags and quoted text. */
function assertWithinLength(input: UserMessageInput, maxChars: number | undefined): void {
  if (maxChars === undefined) return;
  const texts = [input.quoted_text ?? '', ...input.content.map((part) => part.text)];
  const units = texts.reduce((sum, text) => sum + text.length, 0);
  // A code point is one or two UTF-16 units: most messages are decided by their length alone.
  if (units <= maxChars) return;
  if (units <= maxChars * 2 && texts.reduce((sum, text) => sum + codePoints(text), 0) <= maxChars) return;
  throw new BadRequestError(
    `params.input: the message is longer than ${maxChars} characters`,
    'params.input.content',
    'message_too_long',
  );
}

function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
