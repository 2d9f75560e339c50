import { z } from 'zod';
import { ThreadItem } from './items.js';

export const SyncCustomActionResponse = z.object({ updated_item: ThreadItem.optional() });
export type SyncCustomActionResponse = z.infer<typeof SyncCustomActionResponse>;

export const TranscriptionResult = z.object({ text: z.string() });
export type TranscriptionResult = z.infer<typeof TranscriptionResult>;

/** The body of an acknowledgement: the literal `{}`. */
export const EmptyResponse = z.object({}).strict();
export type EmptyResponse = z.infer<typeof EmptyResponse>;

/** Errors answered outside a stream: `{"error":{"code","message"}}`. */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
