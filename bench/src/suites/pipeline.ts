import { alternate, makeRow, type BenchOptions, type BenchRow } from '../report.js';
import {
  concatBytes,
  LEADING_EVENTS,
  replyThroughHandle,
  replyEventCount,
  sameBytes,
  serializeReply,
  serializeReplyBatched,
  splitEvents,
  THREAD_ID,
} from './reply.js';

/**
 * Events per second through `ChatKitServer.handle()` (parse, dispatch, thread creation, the event
 * pipeline with persistence, SSE encoding, the Response stream) for a reply of N text deltas,
 * against the floor: a plain loop that only builds and serializes the same events. handle()'s
 * figure counts every event the client receives (the reply plus the 3 the server sends first);
 * the floor's, the reply's N + 4. The target is against the floor that encodes each event on its
 * own; a second floor that joins events' SSE text and encodes it once per 16 KB (what a server
 * coalescing ready events into one write pays) is shown for information.
 */

const SUITE = 'pipeline';
const TARGET = 0.5;
/** The server's coalescing limit (`MAX_CHUNK_CHARS` in results.ts), for the batched floor. */
const BATCH_CHARS = 16 * 1024;

function floorRun(deltas: number): { ms: number; bytes: number } {
  let bytes = 0;
  const start = performance.now();
  serializeReply(THREAD_ID, deltas, (chunk) => {
    bytes += chunk.byteLength;
  });
  return { ms: performance.now() - start, bytes };
}

function batchedFloorRun(deltas: number): { ms: number; bytes: number } {
  let bytes = 0;
  const start = performance.now();
  serializeReplyBatched(THREAD_ID, deltas, BATCH_CHARS, (chunk) => {
    bytes += chunk.byteLength;
  });
  return { ms: performance.now() - start, bytes };
}

function floorBytes(deltas: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  serializeReply(THREAD_ID, deltas, (chunk) => chunks.push(chunk));
  return concatBytes(chunks);
}

/**
 * The server's reply must be the floor's bytes exactly, after the events the server adds in
 * front (stream_options, thread.created, the user message). Returns the reply's total size.
 */
export async function checkPipelineBytes(deltas: number): Promise<{ bytes: number; events: number; replyBytes: number }> {
  const chunks: Uint8Array[] = [];
  await replyThroughHandle(deltas, chunks);
  const body = concatBytes(chunks);
  const events = splitEvents(body);
  const expectedEvents = replyEventCount(deltas) + LEADING_EVENTS;
  if (events.length !== expectedEvents) throw new Error(`handle() sent ${events.length} events, expected ${expectedEvents}`);
  const leading = new TextDecoder().decode(concatBytes(events.slice(0, LEADING_EVENTS)));
  for (const type of ['thread.created', 'thread.item.done', 'stream_options']) {
    if (!leading.includes(`data: {"type":"${type}"`)) throw new Error(`handle() did not start with a ${type} event`);
  }
  const reply = concatBytes(events.slice(LEADING_EVENTS));
  const floor = floorBytes(deltas);
  if (!sameBytes(reply, floor)) {
    throw new Error(`handle() sent different reply bytes than the floor (${reply.byteLength} vs ${floor.byteLength} bytes)`);
  }
  const batched: Uint8Array[] = [];
  serializeReplyBatched(THREAD_ID, deltas, BATCH_CHARS, (chunk) => batched.push(chunk));
  if (!sameBytes(concatBytes(batched), floor)) throw new Error('The batched floor serializes different bytes');
  return { bytes: body.byteLength, events: events.length, replyBytes: reply.byteLength };
}

export async function pipelineBench({ deltas, runs, warmup }: BenchOptions): Promise<BenchRow[]> {
  const expected = await checkPipelineBytes(deltas);
  const floorSize = expected.replyBytes;
  const floorEvents = replyEventCount(deltas);

  const [floorSamples, batchedSamples, handleSamples] = await alternate(
    [
      () => {
        const floor = floorRun(deltas);
        if (floor.bytes !== floorSize) throw new Error(`floor wrote ${floor.bytes} bytes, expected ${floorSize}`);
        return floorEvents / (floor.ms / 1000);
      },
      () => {
        const floor = batchedFloorRun(deltas);
        if (floor.bytes !== floorSize) throw new Error(`batched floor wrote ${floor.bytes} bytes, expected ${floorSize}`);
        return floorEvents / (floor.ms / 1000);
      },
      async () => {
        const handled = await replyThroughHandle(deltas);
        if (handled.bytes !== expected.bytes) throw new Error(`handle() sent ${handled.bytes} bytes, expected ${expected.bytes}`);
        return expected.events / (handled.ms / 1000);
      },
    ],
    { runs, warmup },
  );

  const handle = { suite: SUITE, name: 'handle(), threads.create', unit: 'events/s', samples: handleSamples! };
  const floor = makeRow({
    suite: SUITE,
    name: 'floor: serialize, one encode per event',
    unit: 'events/s',
    samples: floorSamples!,
  });
  // For information: a floor that batches its encoding as the server may; no target.
  const batched = makeRow({
    suite: SUITE,
    name: 'floor: serialize, one encode per 16 KB',
    unit: 'events/s',
    samples: batchedSamples!,
  });
  return [floor, makeRow(handle, floor, TARGET), batched, makeRow(handle, batched)];
}
