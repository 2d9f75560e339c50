import {
  encodeSseData,
  SseDecoder,
  type AssistantMessageItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
} from '@chatwire/protocol';
import { ChatKitServer, MemoryStore, silentLogger, type ResponseRun, type StoreItemType } from '@chatwire/server';

/**
 * The reply every protocol-core benchmark streams: one assistant message of N text deltas,
 * with fixed ids and clock, so the same request always answers the same bytes and the
 * serialize-only floor can be compared with the server's output byte for byte.
 */

export interface BenchContext {
  userId: string;
}

export const BENCH_CONTEXT: BenchContext = { userId: 'bench_user' };
export const THREAD_ID = 'thr_bench';
const REPLY_ID = 'msg_bench_reply';
const FIXED_TIME = '2025-01-01T00:00:00.000Z';

/** The request that starts the reply. */
export const CREATE_THREAD_BODY = JSON.stringify({
  type: 'threads.create',
  params: {
    input: { content: [{ type: 'input_text', text: 'Write me a long answer.' }], attachments: [], inference_options: {} },
  },
});

/** Model-sized tokens, some needing JSON escapes (quote, newline) or multi-byte UTF-8. */
const TOKENS = [
  'The',
  ' quick',
  ' brown',
  ' fox',
  ' jumps',
  ' over',
  ' the',
  ' lazy',
  ' dog',
  '.',
  '\n\n',
  ' "Quoted"',
  ' café',
  ' naïve',
  ' 42',
  ' — ',
  ' streaming',
  ' tokens',
  ',',
  ' 🚀',
];

export function deltaText(i: number): string {
  return TOKENS[i % TOKENS.length]!;
}

// The events of the reply, built fresh each time as a responder would.

function assistantMessage(threadId: string, text: string | null): AssistantMessageItem {
  return {
    type: 'assistant_message',
    id: REPLY_ID,
    thread_id: threadId,
    created_at: FIXED_TIME,
    content: text === null ? [] : [{ type: 'output_text', text, annotations: [] }],
  };
}

export function itemAdded(threadId: string): ThreadStreamEvent {
  return { type: 'thread.item.added', item: assistantMessage(threadId, null) };
}

export function partAdded(): ThreadStreamEvent {
  return {
    type: 'thread.item.updated',
    item_id: REPLY_ID,
    update: {
      type: 'assistant_message.content_part.added',
      content_index: 0,
      content: { type: 'output_text', text: '', annotations: [] },
    },
  };
}

export function textDelta(delta: string): ThreadStreamEvent {
  return {
    type: 'thread.item.updated',
    item_id: REPLY_ID,
    update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
  };
}

export function partDone(text: string): ThreadStreamEvent {
  return {
    type: 'thread.item.updated',
    item_id: REPLY_ID,
    update: {
      type: 'assistant_message.content_part.done',
      content_index: 0,
      content: { type: 'output_text', text, annotations: [] },
    },
  };
}

export function itemDone(threadId: string, text: string): ThreadStreamEvent {
  return { type: 'thread.item.done', item: assistantMessage(threadId, text) };
}

/** The responder's events: added, part added, `deltas` text deltas, part done, item done. */
export async function* streamReply(threadId: string, deltas: number): AsyncGenerator<ThreadStreamEvent> {
  yield itemAdded(threadId);
  yield partAdded();
  let text = '';
  for (let i = 0; i < deltas; i++) {
    const delta = deltaText(i);
    text += delta;
    yield textDelta(delta);
  }
  yield partDone(text);
  yield itemDone(threadId, text);
}

/** How many events the responder yields for `deltas` deltas. */
export function replyEventCount(deltas: number): number {
  return deltas + 4;
}

/** Events the server sends before the responder's: stream_options, thread.created, the user message. */
export const LEADING_EVENTS = 3;

const encoder = new TextEncoder();

/** The responder's events, built in a plain loop and handed to `emit` one by one. */
export function buildReply(threadId: string, deltas: number, emit: (event: ThreadStreamEvent) => void): void {
  emit(itemAdded(threadId));
  emit(partAdded());
  let text = '';
  for (let i = 0; i < deltas; i++) {
    const delta = deltaText(i);
    text += delta;
    emit(textDelta(delta));
  }
  emit(partDone(text));
  emit(itemDone(threadId, text));
}

/** The floor: builds the responder's events and serializes each one on its own, SSE text then bytes. */
export function serializeReply(threadId: string, deltas: number, sink: (bytes: Uint8Array) => void): void {
  buildReply(threadId, deltas, (event) => sink(encoder.encode(encodeSseData(event))));
}

/**
 * The floor with batched encoding: SSE text of consecutive events joined and turned into bytes
 * once per `chunkChars` characters, as a server that coalesces ready events into one write does.
 */
export function serializeReplyBatched(
  threadId: string,
  deltas: number,
  chunkChars: number,
  sink: (bytes: Uint8Array) => void,
): void {
  let pending = '';
  buildReply(threadId, deltas, (event) => {
    pending += encodeSseData(event);
    if (pending.length >= chunkChars) {
      sink(encoder.encode(pending));
      pending = '';
    }
  });
  if (pending !== '') sink(encoder.encode(pending));
}

/** A MemoryStore whose ids are fixed per instance, so replies are byte-for-byte repeatable. */
class BenchStore extends MemoryStore<BenchContext> {
  private next = 0;

  override generateThreadId(_context: BenchContext): string {
    return THREAD_ID;
  }

  override generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: BenchContext): string {
    this.next += 1;
    return `${itemType}_bench_${this.next}`;
  }
}

/** A server that answers any message with the benchmark reply. Use a fresh one per request. */
export class BenchServer extends ChatKitServer<BenchContext> {
  constructor(private readonly deltas: number) {
    super(new BenchStore(), undefined, { logger: silentLogger, now: () => FIXED_TIME });
  }

  // The responder generator itself, not wrapped in another `yield*`, so the figure is the server's cost.
  respond(thread: ThreadMetadata, _input: UserMessageItem | null, _context: BenchContext, _run: ResponseRun) {
    return streamReply(thread.id, this.deltas);
  }
}

/** One `threads.create` through `handle()` on a fresh server, reading the whole SSE body. */
export async function replyThroughHandle(deltas: number, keep?: Uint8Array[]): Promise<{ ms: number; bytes: number }> {
  const server = new BenchServer(deltas);
  const start = performance.now();
  const response = await server.handle(
    new Request('http://bench.local/chatkit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CREATE_THREAD_BODY,
    }),
    BENCH_CONTEXT,
  );
  if (response.status !== 200 || response.body === null) {
    throw new Error(`handle() answered ${response.status}: ${await response.text()}`);
  }
  const reader = response.body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    keep?.push(value);
  }
  return { ms: performance.now() - start, bytes };
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The SSE `data` payloads in `bytes`. */
export function decodeEvents(bytes: Uint8Array): string[] {
  const decoder = new SseDecoder();
  return [...decoder.push(new TextDecoder().decode(bytes)), ...decoder.flush()];
}

/** Splits an SSE body into one byte range per event (each ends with its blank line). */
export function splitEvents(bytes: Uint8Array): Uint8Array[] {
  const events: Uint8Array[] = [];
  let start = 0;
  for (let i = 1; i < bytes.byteLength; i++) {
    if (bytes[i] === 0x0a && bytes[i - 1] === 0x0a) {
      events.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start !== bytes.byteLength) throw new Error('The SSE body ends in the middle of an event');
  return events;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
