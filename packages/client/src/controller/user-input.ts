import type { UserMessageContent, UserMessageInput } from '@chatwire/protocol';

/** What `sendMessage()` takes: text or content parts, plus what the composer adds around them. */
export interface SendMessageOptions {
  text?: string;
  /** Takes precedence over `text` (for tags and other rich content). */
  content?: UserMessageContent[];
  /** Attachment ids from `attachments.create`. */
  attachments?: string[];
  /** The text the user is replying to. */
  quotedText?: string;
  /** The composer tool the user picked. */
  toolChoice?: string;
  model?: string;
  /** Start a new thread even when one is open. */
  newThread?: boolean;
}

export function toUserMessageInput(message: SendMessageOptions): UserMessageInput {
  const content = message.content ?? [{ type: 'input_text', text: message.text ?? '' }];
  const input: UserMessageInput = { content, attachments: message.attachments ?? [], inference_options: {} };
  if (message.quotedText !== undefined) input.quoted_text = message.quotedText;
  if (message.toolChoice !== undefined) input.inference_options.tool_choice = { id: message.toolChoice };
  if (message.model !== undefined) input.inference_options.model = message.model;
  return input;
}
