import { z } from 'zod';
import { ModelStreamError } from './model-errors.js';

/**
 * The Responses API stream events this package converts, parsed (never cast) from what the model
 * sent. Only the fields used are declared; anything else is ignored. Event types not listed here
 * are skipped.
 */

const itemEvent = { item_id: z.string() };
const contentEvent = { ...itemEvent, content_index: z.number().int().nonnegative() };

export const OutputContentPart = z.union([
  z.object({ type: z.literal('output_text'), text: z.string(), annotations: z.array(z.unknown()).optional() }),
  z.object({ type: z.literal('refusal'), refusal: z.string() }),
  z.object({ type: z.string() }),
]);
export type OutputContentPart = z.infer<typeof OutputContentPart>;

export const OutputItem = z.object({
  type: z.string(),
  id: z.string().optional(),
  content: z.array(OutputContentPart).optional(),
  result: z.string().nullish(),
});
export type OutputItem = z.infer<typeof OutputItem>;

export const ResponsesEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response.output_item.added'), item: OutputItem }),
  z.object({ type: z.literal('response.output_item.done'), item: OutputItem }),
  z.object({ type: z.literal('response.content_part.added'), ...contentEvent, part: OutputContentPart }),
  z.object({ type: z.literal('response.output_text.delta'), ...contentEvent, delta: z.string() }),
  z.object({ type: z.literal('response.refusal.delta'), ...contentEvent, delta: z.string() }),
  z.object({ type: z.literal('response.output_text.annotation.added'), ...contentEvent, annotation: z.unknown() }),
  z.object({ type: z.literal('response.output_text.done'), ...contentEvent, text: z.string() }),
  z.object({ type: z.literal('response.refusal.done'), ...contentEvent, refusal: z.string() }),
  z.object({
    type: z.literal('response.reasoning_summary_text.delta'),
    ...itemEvent,
    summary_index: z.number().int(),
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.reasoning_summary_text.done'),
    ...itemEvent,
    summary_index: z.number().int(),
    text: z.string(),
  }),
  z.object({
    type: z.literal('response.image_generation_call.partial_image'),
    ...itemEvent,
    partial_image_index: z.number().int().nonnegative(),
    partial_image_b64: z.string(),
  }),
  z.object({
    type: z.literal('response.failed'),
    response: z.object({ error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish() }),
  }),
  z.object({
    type: z.literal('response.incomplete'),
    response: z.object({ incomplete_details: z.object({ reason: z.string().nullish() }).nullish() }),
  }),
  z.object({ type: z.literal('error'), code: z.string().nullish(), message: z.string().nullish() }),
]);
export type ResponsesEvent = z.infer<typeof ResponsesEvent>;

const KNOWN = new Set<string>(ResponsesEvent.options.map((option) => option.shape.type.value));

/** True when `event` looks like a Responses API stream event (its `type` starts with `response.`, or is `error`). */
export function isResponsesEvent(event: unknown): event is { type: string } {
  if (typeof event !== 'object' || event === null || !('type' in event) || typeof event.type !== 'string') return false;
  return event.type.startsWith('response.') || event.type === 'error';
}

/** The event parsed, or `undefined` when it is of a kind this package does not convert. */
export function parseResponsesEvent(event: { type: string }): ResponsesEvent | undefined {
  if (!KNOWN.has(event.type)) return undefined;
  const parsed = ResponsesEvent.safeParse(event);
  if (!parsed.success) throw new ModelStreamError('malformed', `Malformed ${event.type} event: ${parsed.error.message}`);
  return parsed.data;
}
