import { z } from 'zod';
import { JsonObject, Timestamp, optional } from './common.js';
import { Attachment } from './attachments.js';
import { Annotation } from './sources.js';
import { WidgetRoot } from './widgets.js';
import { Task, Workflow } from './workflow.js';

// ── User input ──────────────────────────────────────────────────────────────────────────────

export const UserMessageTextContent = z.object({ type: z.literal('input_text'), text: z.string() });
export type UserMessageTextContent = z.infer<typeof UserMessageTextContent>;

/** An @-mention of an entity in the composer. */
export const UserMessageTagContent = z.object({
  type: z.literal('input_tag'),
  id: z.string(),
  text: z.string(),
  data: JsonObject,
  group: optional(z.string()),
  interactive: z.boolean().default(false),
});
export type UserMessageTagContent = z.infer<typeof UserMessageTagContent>;

export const UserMessageContent = z.discriminatedUnion('type', [UserMessageTextContent, UserMessageTagContent]);
export type UserMessageContent = z.infer<typeof UserMessageContent>;

export const ToolChoice = z.object({ id: z.string() });
export type ToolChoice = z.infer<typeof ToolChoice>;

export const InferenceOptions = z.object({
  tool_choice: optional(ToolChoice),
  model: optional(z.string()),
});
export type InferenceOptions = z.infer<typeof InferenceOptions>;

/** What the composer sends with `threads.create` and `threads.add_user_message`. */
export const UserMessageInput = z.object({
  content: z.array(UserMessageContent),
  /** Attachment ids, created earlier with `attachments.create`. */
  attachments: z.array(z.string()),
  quoted_text: optional(z.string()),
  inference_options: InferenceOptions,
});
export type UserMessageInput = z.infer<typeof UserMessageInput>;

// ── Assistant output ────────────────────────────────────────────────────────────────────────

export const AssistantMessageContent = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(Annotation).default([]),
});
export type AssistantMessageContent = z.infer<typeof AssistantMessageContent>;

export const GeneratedImage = z.object({ id: z.string(), url: z.string() });
export type GeneratedImage = z.infer<typeof GeneratedImage>;

// ── Structured input ────────────────────────────────────────────────────────────────────────

export const StructuredInputAnswer = z.object({
  values: z.array(z.string()).default([]),
  skipped: z.boolean().default(false),
});
export type StructuredInputAnswer = z.infer<typeof StructuredInputAnswer>;

const structuredInputBase = {
  id: z.string(),
  question: z.string(),
  answer: optional(StructuredInputAnswer),
};

export const StructuredInputMultipleChoice = z.object({
  ...structuredInputBase,
  type: z.literal('multiple_choice'),
  options: z.array(z.object({ value: z.string() })),
  multiple: z.boolean().default(false),
});
export type StructuredInputMultipleChoice = z.infer<typeof StructuredInputMultipleChoice>;

export const StructuredInputFreeform = z.object({
  ...structuredInputBase,
  type: z.literal('freeform'),
  description: optional(z.string()),
});
export type StructuredInputFreeform = z.infer<typeof StructuredInputFreeform>;

export const StructuredInput = z.discriminatedUnion('type', [StructuredInputMultipleChoice, StructuredInputFreeform]);
export type StructuredInput = z.infer<typeof StructuredInput>;

// ── Thread items ────────────────────────────────────────────────────────────────────────────

const itemBase = { id: z.string(), thread_id: z.string(), created_at: Timestamp };

export const UserMessageItem = z.object({
  ...itemBase,
  type: z.literal('user_message'),
  content: z.array(UserMessageContent),
  /** Full attachment objects (the input carries only their ids). */
  attachments: z.array(Attachment).default([]),
  quoted_text: optional(z.string()),
  inference_options: InferenceOptions,
});
export type UserMessageItem = z.infer<typeof UserMessageItem>;

export const AssistantMessageItem = z.object({
  ...itemBase,
  type: z.literal('assistant_message'),
  content: z.array(AssistantMessageContent),
});
export type AssistantMessageItem = z.infer<typeof AssistantMessageItem>;

export const ClientToolCallItem = z.object({
  ...itemBase,
  type: z.literal('client_tool_call'),
  status: z.enum(['pending', 'completed']).default('pending'),
  call_id: z.string(),
  name: z.string(),
  arguments: JsonObject,
  output: z.unknown().optional(),
});
export type ClientToolCallItem = z.infer<typeof ClientToolCallItem>;

export const WidgetItem = z.object({
  ...itemBase,
  type: z.literal('widget'),
  widget: WidgetRoot,
  /** The text the copy button copies. */
  copy_text: optional(z.string()),
});
export type WidgetItem = z.infer<typeof WidgetItem>;

export const GeneratedImageItem = z.object({
  ...itemBase,
  type: z.literal('generated_image'),
  /** Absent while the image is being generated. */
  image: optional(GeneratedImage),
});
export type GeneratedImageItem = z.infer<typeof GeneratedImageItem>;

export const StructuredInputItem = z.object({
  ...itemBase,
  type: z.literal('structured_input'),
  status: z.enum(['pending', 'answered', 'skipped']).default('pending'),
  inputs: z.array(StructuredInput),
});
export type StructuredInputItem = z.infer<typeof StructuredInputItem>;

export const WorkflowItem = z.object({ ...itemBase, type: z.literal('workflow'), workflow: Workflow });
export type WorkflowItem = z.infer<typeof WorkflowItem>;

export const TaskItem = z.object({ ...itemBase, type: z.literal('task'), task: Task });
export type TaskItem = z.infer<typeof TaskItem>;

/** A UI hint; never converted to model input. */
export const EndOfTurnItem = z.object({ ...itemBase, type: z.literal('end_of_turn') });
export type EndOfTurnItem = z.infer<typeof EndOfTurnItem>;

/** Context for the model that the user never sees. Persisted, never sent to a client. */
export const HiddenContextItem = z.object({
  ...itemBase,
  type: z.literal('hidden_context_item'),
  content: z.unknown(),
});
export type HiddenContextItem = z.infer<typeof HiddenContextItem>;

/** The server's own hidden notes (for example, that the user stopped a reply). Never sent to a client. */
export const SDKHiddenContextItem = z.object({
  ...itemBase,
  type: z.literal('sdk_hidden_context'),
  content: z.string(),
});
export type SDKHiddenContextItem = z.infer<typeof SDKHiddenContextItem>;

export const ThreadItem = z.discriminatedUnion('type', [
  UserMessageItem,
  AssistantMessageItem,
  ClientToolCallItem,
  WidgetItem,
  GeneratedImageItem,
  StructuredInputItem,
  WorkflowItem,
  TaskItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  EndOfTurnItem,
]);
export type ThreadItem = z.infer<typeof ThreadItem>;
export type ThreadItemType = ThreadItem['type'];

export const HIDDEN_ITEM_TYPES: ReadonlySet<ThreadItemType> = new Set(['hidden_context_item', 'sdk_hidden_context']);

/** Hidden items are stored with the thread but never sent to a client. */
export function isHiddenItem(item: ThreadItem): item is HiddenContextItem | SDKHiddenContextItem {
  return item.type === 'hidden_context_item' || item.type === 'sdk_hidden_context';
}
