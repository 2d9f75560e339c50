import { isDeepStrictEqual } from 'node:util';
import {
  Attachment,
  EmptyResponse,
  ErrorResponse,
  SseDecoder,
  SyncCustomActionResponse,
  Thread,
  ThreadItemPage,
  ThreadPage,
  ThreadStreamEvent,
  TranscriptionResult,
  type ChatKitReqType,
} from '@chatwire/protocol';
import type { z } from 'zod';

/**
 * Checks that `raw` (decoded JSON) is exactly what the schema describes, in canonical wire
 * form: valid, no unknown keys, no `null` where the reference omits a field, every default
 * present. Parsing canonical JSON must give back the same JSON.
 */
export function parseExact<T extends z.ZodType>(schema: T, raw: unknown, what = 'value'): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${what} does not match the protocol: ${parsed.error.message}\n${JSON.stringify(raw)}`);
  }
  const canonical: unknown = JSON.parse(JSON.stringify(parsed.data));
  if (!isDeepStrictEqual(canonical, raw)) {
    throw new Error(
      `${what} is valid but not in canonical wire form\n  sent:      ${JSON.stringify(raw)}\n  canonical: ${JSON.stringify(canonical)}`,
    );
  }
  return parsed.data;
}

/** Parses one SSE `data` payload as a protocol event, exactly. */
export function parseEvent(data: string): ThreadStreamEvent {
  return parseExact(ThreadStreamEvent, JSON.parse(data), 'stream event');
}

/** Decodes SSE text into protocol events, checking each one and the framing. */
export function parseSse(text: string): ThreadStreamEvent[] {
  const decoder = new SseDecoder();
  const events = [...decoder.push(text), ...decoder.flush()].map(parseEvent);
  return events;
}

const RESPONSE_SCHEMAS = {
  'threads.get_by_id': Thread,
  'threads.list': ThreadPage,
  'items.list': ThreadItemPage,
  'items.feedback': EmptyResponse,
  'attachments.create': Attachment,
  'attachments.delete': EmptyResponse,
  'threads.update': Thread,
  'threads.delete': EmptyResponse,
  'input.transcribe': TranscriptionResult,
  'threads.sync_custom_action': SyncCustomActionResponse,
} satisfies Partial<Record<ChatKitReqType, z.ZodType>>;

export type JsonRequestType = keyof typeof RESPONSE_SCHEMAS;

/** Parses the JSON answer to a non-streaming request with that request type's schema, exactly. */
export function parseJsonResponse<TType extends JsonRequestType>(
  type: TType,
  json: string,
): z.output<(typeof RESPONSE_SCHEMAS)[TType]> {
  // Indexing a record of schemas by a generic key loses the link between key and output type.
  const schema = RESPONSE_SCHEMAS[type] as z.ZodType as z.ZodType<z.output<(typeof RESPONSE_SCHEMAS)[TType]>>;
  return parseExact(schema, JSON.parse(json), `${type} response`);
}

/** Parses an HTTP error body (`{"error":{"code","message"}}`), exactly. */
export function parseErrorResponse(json: string): ErrorResponse {
  return parseExact(ErrorResponse, JSON.parse(json), 'error response');
}
