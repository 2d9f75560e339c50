import { z } from 'zod';
import { JsonObject, optional } from './common.js';
import { IconName } from './icons.js';
import { ThreadItem } from './items.js';
import { Thread } from './thread.js';
import { ThreadItemUpdate } from './updates.js';

export const ThreadCreatedEvent = z.object({ type: z.literal('thread.created'), thread: Thread });
export type ThreadCreatedEvent = z.infer<typeof ThreadCreatedEvent>;

export const ThreadUpdatedEvent = z.object({ type: z.literal('thread.updated'), thread: Thread });
export type ThreadUpdatedEvent = z.infer<typeof ThreadUpdatedEvent>;

/** An item started streaming. Not persisted. */
export const ThreadItemAddedEvent = z.object({ type: z.literal('thread.item.added'), item: ThreadItem });
export type ThreadItemAddedEvent = z.infer<typeof ThreadItemAddedEvent>;

/** An incremental change to a streaming item. Not persisted. */
export const ThreadItemUpdatedEvent = z.object({
  type: z.literal('thread.item.updated'),
  item_id: z.string(),
  update: ThreadItemUpdate,
});
export type ThreadItemUpdatedEvent = z.infer<typeof ThreadItemUpdatedEvent>;

/** The item is final. Persisted (added to the thread). */
export const ThreadItemDoneEvent = z.object({ type: z.literal('thread.item.done'), item: ThreadItem });
export type ThreadItemDoneEvent = z.infer<typeof ThreadItemDoneEvent>;

/** Persisted (the item is deleted). */
export const ThreadItemRemovedEvent = z.object({ type: z.literal('thread.item.removed'), item_id: z.string() });
export type ThreadItemRemovedEvent = z.infer<typeof ThreadItemRemovedEvent>;

/** Persisted (the item is saved over the stored one, or inserted). */
export const ThreadItemReplacedEvent = z.object({ type: z.literal('thread.item.replaced'), item: ThreadItem });
export type ThreadItemReplacedEvent = z.infer<typeof ThreadItemReplacedEvent>;

export const StreamOptions = z.object({ allow_cancel: z.boolean() });
export type StreamOptions = z.infer<typeof StreamOptions>;

export const StreamOptionsEvent = z.object({ type: z.literal('stream_options'), stream_options: StreamOptions });
export type StreamOptionsEvent = z.infer<typeof StreamOptionsEvent>;

export const ProgressUpdateEvent = z.object({
  type: z.literal('progress_update'),
  icon: optional(IconName),
  text: z.string(),
});
export type ProgressUpdateEvent = z.infer<typeof ProgressUpdateEvent>;

/** Fire-and-forget for the host page; never stored. */
export const ClientEffectEvent = z.object({
  type: z.literal('client_effect'),
  name: z.string(),
  data: JsonObject.default({}),
});
export type ClientEffectEvent = z.infer<typeof ClientEffectEvent>;

/** `stream.error` is the reference's only built-in code; the enum is open on the wire. */
export const ErrorCode = z.string();
export type ErrorCode = 'stream.error' | 'custom' | (string & {});

export const ErrorEvent = z.object({
  type: z.literal('error'),
  code: ErrorCode.default('custom'),
  message: optional(z.string()),
  allow_retry: z.boolean().default(false),
});
export type ErrorEvent = Omit<z.infer<typeof ErrorEvent>, 'code'> & { code: ErrorCode };

export const NoticeEvent = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning', 'danger']),
  /** Markdown. */
  message: z.string(),
  title: optional(z.string()),
});
export type NoticeEvent = z.infer<typeof NoticeEvent>;

export const ThreadStreamEvent = z.discriminatedUnion('type', [
  ThreadCreatedEvent,
  ThreadUpdatedEvent,
  ThreadItemAddedEvent,
  ThreadItemUpdatedEvent,
  ThreadItemDoneEvent,
  ThreadItemRemovedEvent,
  ThreadItemReplacedEvent,
  StreamOptionsEvent,
  ProgressUpdateEvent,
  ClientEffectEvent,
  ErrorEvent,
  NoticeEvent,
]);
export type ThreadStreamEvent = z.infer<typeof ThreadStreamEvent>;
export type ThreadStreamEventType = ThreadStreamEvent['type'];
