import { z } from 'zod';
import { FeedbackKind, JsonObject, SortOrder, optional } from './common.js';
import { UserMessageInput } from './items.js';
import { findUnstorableText } from './storable-text.js';
import { Action } from './widgets.js';

/**
 * Every request may carry `metadata`; the host reads it, the protocol never does. Every string in
 * `params`, keys included, is storable text (`findUnstorableText`: no U+0000, no lone surrogate),
 * since any of them may be stored or looked up; `metadata` is display data its readers clean.
 */
function request<TType extends string, TParams extends z.ZodType>(type: TType, params: TParams) {
  return z.object({ type: z.literal(type), params: params.superRefine(storable), metadata: JsonObject.default({}) });
}

function storable(value: unknown, ctx: z.RefinementCtx): void {
  const found = findUnstorableText(value);
  if (found) ctx.addIssue({ code: 'custom', message: found.problem, path: found.path });
}

const threadId = z.string().min(1);
const itemId = z.string().min(1);
const pageLimit = optional(z.number().int().nonnegative());

export const ThreadsGetByIdReq = request('threads.get_by_id', z.object({ thread_id: threadId }));
export const ThreadsCreateReq = request('threads.create', z.object({ input: UserMessageInput }));
export const ThreadsListReq = request(
  'threads.list',
  z.object({ limit: pageLimit, order: SortOrder.default('desc'), after: optional(z.string()) }),
);
export const ThreadsAddUserMessageReq = request(
  'threads.add_user_message',
  z.object({ thread_id: threadId, input: UserMessageInput }),
);
export const ThreadsAddClientToolOutputReq = request(
  'threads.add_client_tool_output',
  // `result` is required, but may be `null`.
  z.object({ thread_id: threadId, result: z.unknown().refine((value) => value !== undefined, 'Required') }),
);

export const StructuredInputAnswerSubmission = z.object({
  values: z.array(z.string()).default([]),
  skipped: z.boolean().default(false),
});
export type StructuredInputAnswerSubmission = z.infer<typeof StructuredInputAnswerSubmission>;

export const StructuredInputSubmission = z.object({
  status: z.enum(['answered', 'skipped']).default('answered'),
  answers: z.record(z.string(), StructuredInputAnswerSubmission).default({}),
});
export type StructuredInputSubmission = z.infer<typeof StructuredInputSubmission>;

export const ThreadsAddStructuredInputReq = request(
  'threads.add_structured_input',
  z.object({ thread_id: threadId, item_id: itemId, input: StructuredInputSubmission }),
);

export const CustomActionParams = z.object({
  thread_id: threadId,
  /** The widget item the action came from, if any. */
  item_id: optional(z.string()),
  action: Action,
});
export type CustomActionParams = z.infer<typeof CustomActionParams>;

export const ThreadsCustomActionReq = request('threads.custom_action', CustomActionParams);
export const ThreadsSyncCustomActionReq = request('threads.sync_custom_action', CustomActionParams);
export const ThreadsRetryAfterItemReq = request('threads.retry_after_item', z.object({ thread_id: threadId, item_id: itemId }));
export const ItemsFeedbackReq = request(
  'items.feedback',
  z.object({ thread_id: threadId, item_ids: z.array(z.string()), kind: FeedbackKind }),
);
export const AttachmentsDeleteReq = request('attachments.delete', z.object({ attachment_id: z.string().min(1) }));

export const AttachmentCreateParams = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  mime_type: z.string(),
});
export type AttachmentCreateParams = z.infer<typeof AttachmentCreateParams>;
export const AttachmentsCreateReq = request('attachments.create', AttachmentCreateParams);

export const InputTranscribeReq = request(
  'input.transcribe',
  z.object({
    audio_base64: z.string(),
    /** As recorded, e.g. `audio/webm;codecs=opus`. */
    mime_type: z.string(),
  }),
);
export const ItemsListReq = request(
  'items.list',
  z.object({ thread_id: threadId, limit: pageLimit, order: SortOrder.default('desc'), after: optional(z.string()) }),
);
export const ThreadsUpdateReq = request('threads.update', z.object({ thread_id: threadId, title: z.string() }));
export const ThreadsDeleteReq = request('threads.delete', z.object({ thread_id: threadId }));

/**
 * Chatwire's extensions, which a stock ChatKit client never sends. `chatwire.threads.stop` stops
 * the thread's running reply wherever it runs (answered `{}`); `chatwire.threads.resume` streams
 * the running reply's events after the first `after_event` of them, then the live ones, to its end.
 * A reply's events are counted from its `stream_options` event on (the opening `thread.created`
 * and user message are not part of the reply).
 */
export const ChatwireThreadsStopReq = request('chatwire.threads.stop', z.object({ thread_id: threadId }));
export const ChatwireThreadsResumeReq = request(
  'chatwire.threads.resume',
  z.object({ thread_id: threadId, after_event: z.number().int().nonnegative() }),
);
export type ChatwireThreadsStopReq = z.infer<typeof ChatwireThreadsStopReq>;
export type ChatwireThreadsResumeReq = z.infer<typeof ChatwireThreadsResumeReq>;

export type ThreadsGetByIdReq = z.infer<typeof ThreadsGetByIdReq>;
export type ThreadsCreateReq = z.infer<typeof ThreadsCreateReq>;
export type ThreadsListReq = z.infer<typeof ThreadsListReq>;
export type ThreadsAddUserMessageReq = z.infer<typeof ThreadsAddUserMessageReq>;
export type ThreadsAddClientToolOutputReq = z.infer<typeof ThreadsAddClientToolOutputReq>;
export type ThreadsAddStructuredInputReq = z.infer<typeof ThreadsAddStructuredInputReq>;
export type ThreadsCustomActionReq = z.infer<typeof ThreadsCustomActionReq>;
export type ThreadsSyncCustomActionReq = z.infer<typeof ThreadsSyncCustomActionReq>;
export type ThreadsRetryAfterItemReq = z.infer<typeof ThreadsRetryAfterItemReq>;
export type ItemsFeedbackReq = z.infer<typeof ItemsFeedbackReq>;
export type AttachmentsDeleteReq = z.infer<typeof AttachmentsDeleteReq>;
export type AttachmentsCreateReq = z.infer<typeof AttachmentsCreateReq>;
export type InputTranscribeReq = z.infer<typeof InputTranscribeReq>;
export type ItemsListReq = z.infer<typeof ItemsListReq>;
export type ThreadsUpdateReq = z.infer<typeof ThreadsUpdateReq>;
export type ThreadsDeleteReq = z.infer<typeof ThreadsDeleteReq>;

export const STREAMING_REQUEST_TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const;

export const NON_STREAMING_REQUEST_TYPES = [
  'threads.get_by_id',
  'threads.list',
  'items.list',
  'items.feedback',
  'attachments.create',
  'attachments.delete',
  'threads.update',
  'threads.delete',
  'input.transcribe',
  'threads.sync_custom_action',
] as const;

/** Request types of Chatwire's own (`chatwire.*`): stop answers JSON, resume an event stream. */
export const EXTENSION_REQUEST_TYPES = ['chatwire.threads.stop', 'chatwire.threads.resume'] as const;

export const StreamingReq = z.discriminatedUnion('type', [
  ThreadsCreateReq,
  ThreadsAddUserMessageReq,
  ThreadsAddClientToolOutputReq,
  ThreadsAddStructuredInputReq,
  ThreadsRetryAfterItemReq,
  ThreadsCustomActionReq,
]);
export type StreamingReq = z.infer<typeof StreamingReq>;

export const NonStreamingReq = z.discriminatedUnion('type', [
  ThreadsGetByIdReq,
  ThreadsListReq,
  ItemsListReq,
  ItemsFeedbackReq,
  AttachmentsCreateReq,
  AttachmentsDeleteReq,
  ThreadsUpdateReq,
  ThreadsDeleteReq,
  InputTranscribeReq,
  ThreadsSyncCustomActionReq,
]);
export type NonStreamingReq = z.infer<typeof NonStreamingReq>;

export const ExtensionReq = z.discriminatedUnion('type', [ChatwireThreadsStopReq, ChatwireThreadsResumeReq]);
export type ExtensionReq = z.infer<typeof ExtensionReq>;

export const ChatKitReq = z.discriminatedUnion('type', [
  ...StreamingReq.options,
  ...NonStreamingReq.options,
  ...ExtensionReq.options,
]);
export type ChatKitReq = z.infer<typeof ChatKitReq>;
export type ChatKitReqType = ChatKitReq['type'];

const streamingTypes: ReadonlySet<string> = new Set(STREAMING_REQUEST_TYPES);

export function isStreamingReq(request: ChatKitReq): request is StreamingReq {
  return streamingTypes.has(request.type);
}
