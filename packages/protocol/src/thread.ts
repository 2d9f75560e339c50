import { z } from 'zod';
import { JsonObject, Timestamp, optional } from './common.js';
import { ThreadItem } from './items.js';

export const ThreadStatus = z.discriminatedUnion('type', [
  z.object({ type: z.literal('active') }),
  /** The composer is disabled and shows the reason. */
  z.object({ type: z.literal('locked'), reason: optional(z.string()) }),
  /** The composer is replaced by a banner. */
  z.object({ type: z.literal('closed'), reason: optional(z.string()) }),
]);
export type ThreadStatus = z.infer<typeof ThreadStatus>;

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item).default([]),
    has_more: z.boolean().default(false),
    /** The id to pass as `after` for the next page; present only when `has_more`. */
    after: optional(z.string()),
  });
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string | undefined;
}

export const ThreadMetadata = z.object({
  id: z.string(),
  title: optional(z.string()),
  created_at: Timestamp,
  status: ThreadStatus.default({ type: 'active' }),
  allowed_image_domains: optional(z.array(z.string())),
  /** Server-side data. Stored, but always sent to clients as `{}`. */
  metadata: JsonObject.default({}),
});
export type ThreadMetadata = z.infer<typeof ThreadMetadata>;

export const ThreadItemPage = page(ThreadItem);
export type ThreadItemPage = z.infer<typeof ThreadItemPage>;

export const Thread = ThreadMetadata.extend({ items: ThreadItemPage });
export type Thread = z.infer<typeof Thread>;

export const ThreadPage = page(Thread);
export type ThreadPage = z.infer<typeof ThreadPage>;
