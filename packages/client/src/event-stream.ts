import { ThreadStreamEvent, readSseData } from '@chatwire/protocol';
import { abortableStream } from './abortable-stream.js';
import { ChatKitNetworkError, isAbortError } from './errors.js';
import { safeJson } from './http-error.js';

/** An SSE `data` payload that is not a valid `ThreadStreamEvent`: reported, then skipped. */
export interface InvalidEvent {
  /** The raw payload, shortened. */
  data: string;
  /** Why it was rejected: not JSON, an unknown `type`, or the field that failed. */
  reason: string;
}

export interface ReadEventsOptions {
  signal?: AbortSignal;
  onInvalidEvent?: (invalid: InvalidEvent) => void;
}

const MAX_REPORTED = 500;

/**
 * The events of a ChatKit SSE body, each checked with the protocol's `ThreadStreamEvent` schema.
 * An event this client does not understand (a newer server, a custom type, a broken one) is
 * reported and skipped; the stream goes on. Ending the iteration early cancels the body.
 */
export async function* readThreadEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadEventsOptions = {},
): AsyncGenerator<ThreadStreamEvent> {
  const source = abortableStream(body, options.signal);
  try {
    for await (const data of readSseData(source)) {
      const event = parseEvent(data, options.onInvalidEvent);
      if (event) yield event;
    }
  } catch (error) {
    if (isAbortError(error)) throw error;
    // The connection dropped mid-reply: the same kind of failure as a fetch that never connected.
    throw new ChatKitNetworkError(`The reply stream broke: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    // A no-op after the body ended; otherwise it tells the server the reader went away.
    await source.cancel().catch(() => {});
  }
}

function parseEvent(data: string, report: ReadEventsOptions['onInvalidEvent']): ThreadStreamEvent | undefined {
  const json = safeJson(data);
  if (json === undefined) {
    report?.({ data: data.slice(0, MAX_REPORTED), reason: 'not JSON' });
    return undefined;
  }
  const parsed = ThreadStreamEvent.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'type';
  report?.({ data: data.slice(0, MAX_REPORTED), reason: `${where}: ${issue?.message ?? 'invalid'}` });
  return undefined;
}
