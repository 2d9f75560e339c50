import type {
  Attachment,
  ClientToolCallItem,
  GeneratedImageItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  StructuredInputItem,
  Task,
  ThreadItem,
  UserMessageItem,
  UserMessageTagContent,
  WidgetItem,
  WorkflowItem,
} from '@chatwire/protocol';
import type { AgentInputItem, protocol } from '@openai/agents-core';

type UserContent = protocol.UserContent;
type Awaitable<T> = T | Promise<T>;

/**
 * How thread items become model input. Every hook is optional; the defaults are usable as they
 * are (unlike the reference, where attachments and @-mentions raise until overridden).
 */
export interface ItemConversionHooks {
  /** Content standing for one attachment of a user message. Default: a short note naming the file. */
  attachment?(attachment: Attachment, message: UserMessageItem): Awaitable<UserContent[]>;
  /** Text describing one @-mentioned entity. Default: its label and data as JSON. */
  tag?(tag: UserMessageTagContent): Awaitable<string>;
  /** Replaces the default conversion of any item type; return `undefined` to fall back to it. */
  item?(item: ThreadItem, position: ItemPosition): Awaitable<AgentInputItem[] | undefined>;
}

export interface ItemPosition {
  /** True for the user message the model is answering now (quoted text is sent for it only). */
  isCurrentMessage: boolean;
}

/** How each generated note starts, so readers of model input (the offline model) can tell notes from user text. */
export const NOTE_PREFIXES = {
  quote: 'The user is referring to this passage in particular:',
  tags: '# Entities the user @-mentioned',
  hidden: 'Context for you that the user does not see:',
  widget: 'The user was shown an interactive widget',
  task: 'The user was shown that this step was carried out:',
  structuredInput: 'The user was asked for structured input',
  image: 'This image was generated earlier in the conversation.',
  widgetAction: 'The user acted on a widget',
  omitted: 'Earlier parts of this conversation were left out',
} as const;

export function isNote(text: string): boolean {
  return Object.values(NOTE_PREFIXES).some((prefix) => text.startsWith(prefix));
}

/** One thread item as model input (possibly several input items, possibly none). */
export async function threadItemToInput(
  item: ThreadItem,
  position: ItemPosition,
  hooks: ItemConversionHooks = {},
): Promise<AgentInputItem[]> {
  const custom = await hooks.item?.(item, position);
  if (custom !== undefined) return custom;
  switch (item.type) {
    case 'user_message':
      return userMessageToInput(item, position, hooks);
    case 'assistant_message':
      return [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: item.content.map((part) => ({ type: 'output_text', text: part.text })),
        },
      ];
    case 'client_tool_call':
      return clientToolCallToInput(item);
    case 'widget':
      return [note(widgetText(item))];
    case 'workflow':
      return workflowToInput(item);
    case 'task':
      return taskToInput(item.task);
    case 'structured_input':
      return [note(structuredInputText(item))];
    case 'hidden_context_item':
    case 'sdk_hidden_context':
      return [note(hiddenText(item))];
    case 'generated_image':
      return generatedImageToInput(item);
    case 'end_of_turn':
      return [];
  }
}

/** Every item in order; the last user message is the current one. */
export async function threadItemsToInput(
  items: readonly ThreadItem[],
  hooks: ItemConversionHooks = {},
): Promise<AgentInputItem[]> {
  const current = lastUserMessageIndex(items);
  const out: AgentInputItem[] = [];
  for (const [index, item] of items.entries())
    out.push(...(await threadItemToInput(item, { isCurrentMessage: index === current }, hooks)));
  return out;
}

export function lastUserMessageIndex(items: readonly ThreadItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.type === 'user_message') return i;
  return -1;
}

/** A user-role message holding one text; how every generated note reaches the model. */
export function note(text: string): AgentInputItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

async function userMessageToInput(
  item: UserMessageItem,
  position: ItemPosition,
  hooks: ItemConversionHooks,
): Promise<AgentInputItem[]> {
  let text = '';
  const tags: UserMessageTagContent[] = [];
  for (const part of item.content) {
    if (part.type === 'input_text') text += part.text;
    else {
      text += `@${part.text}`;
      if (!tags.some((seen) => seen.text === part.text)) tags.push(part);
    }
  }
  const content: UserContent[] = [];
  for (const attachment of item.attachments) content.push(...(await (hooks.attachment ?? attachmentNote)(attachment, item)));
  // Some endpoints refuse an empty text part; a message of attachments only needs none.
  if (text !== '' || content.length === 0) content.unshift({ type: 'input_text', text });
  const out: AgentInputItem[] = [{ type: 'message', role: 'user', content }];
  if (item.quoted_text && position.isCurrentMessage) out.push(note(`${NOTE_PREFIXES.quote}\n${item.quoted_text}`));
  if (tags.length > 0) {
    const describe = hooks.tag ?? tagText;
    const lines = await Promise.all(tags.map(async (tag) => describe(tag)));
    out.push(
      note(
        `${NOTE_PREFIXES.tags}\nCall them by their names without the @ sign; the @ form only marks them in the user's text.\n${lines.join('\n')}`,
      ),
    );
  }
  return out;
}

/** The default content for an attachment: a note naming it, saying its contents are not available. */
export function attachmentNote(attachment: Attachment): UserContent[] {
  const kind = attachment.type === 'image' ? 'an image' : 'a file';
  return [
    {
      type: 'input_text',
      text: `[The user attached ${kind}: "${attachment.name}" (${attachment.mime_type}). Its contents are not available to you.]`,
    },
  ];
}

function tagText(tag: UserMessageTagContent): string {
  return `- ${tag.text}: ${JSON.stringify(tag.data)}`;
}

function clientToolCallToInput(item: ClientToolCallItem): AgentInputItem[] {
  // A pending call has no output yet; the model may only see a call together with its result.
  if (item.status === 'pending') return [];
  return [
    {
      type: 'function_call',
      callId: item.call_id,
      name: item.name,
      arguments: JSON.stringify(item.arguments),
      status: 'completed',
    },
    {
      type: 'function_call_result',
      callId: item.call_id,
      name: item.name,
      status: 'completed',
      output: JSON.stringify(item.output ?? null),
    },
  ];
}

function widgetText(item: WidgetItem): string {
  return `${NOTE_PREFIXES.widget} (id ${item.id}). Its definition as JSON:\n${JSON.stringify(item.widget)}`;
}

function workflowToInput(item: WorkflowItem): AgentInputItem[] {
  return item.workflow.tasks.flatMap(taskToInput);
}

/** Only custom tasks say what was done; thoughts, searches and the rest are not replayed. */
function taskToInput(task: Task): AgentInputItem[] {
  if (task.type !== 'custom' || (!task.title && !task.content)) return [];
  const text = task.title && task.content ? `${task.title}: ${task.content}` : (task.title ?? task.content ?? '');
  return [note(`${NOTE_PREFIXES.task}\n<task>\n${text}\n</task>`)];
}

function structuredInputText(item: StructuredInputItem): string {
  const lines = item.inputs.map((input) => {
    const answer = input.answer;
    const value = answer === undefined ? 'unanswered' : answer.skipped ? 'skipped' : answer.values.join(', ');
    return `- ${input.question}: ${value}`;
  });
  return `${NOTE_PREFIXES.structuredInput}; the request is now ${item.status}.\n<structured_input>\n${lines.join('\n')}\n</structured_input>`;
}

function hiddenText(item: HiddenContextItem | SDKHiddenContextItem): string {
  const content = typeof item.content === 'string' ? item.content : JSON.stringify(item.content);
  return `${NOTE_PREFIXES.hidden}\n<hidden_context>\n${content}\n</hidden_context>`;
}

function generatedImageToInput(item: GeneratedImageItem): AgentInputItem[] {
  if (!item.image) return [];
  return [
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: NOTE_PREFIXES.image },
        { type: 'input_image', image: item.image.url, detail: 'auto' },
      ],
    },
  ];
}
