import { encodeSseData, toWireEvent, type ThreadStreamEvent } from '@chatwire/protocol';
import type { StreamPlan } from './handlers/stream-plan.js';
import { describeError, type Logger } from './logger.js';

/** A JSON answer: `json` is the exact body to send with `Content-Type: application/json`. */
export class NonStreamingResult {
  readonly streaming = false;
  constructor(readonly json: string) {}
}

const encoder = new TextEncoder();

/** Flush a coalesced chunk once it reaches this size, without waiting for the next turn. */
const MAX_CHUNK_CHARS = 16 * 1024;

const nextTurn: (callback: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (callback) => void setImmediate(callback) : (callback) => void setTimeout(callback, 0);

/**
 * A streamed answer. Iterate it for SSE bytes (one event per chunk), read `events()` for the
 * wire events, or turn it into a `ReadableStream` (events that are ready together share a
 * chunk). Stopping early, or `cancel()`, cancels the reply on the server.
 */
export class StreamingResult implements AsyncIterable<Uint8Array> {
  readonly streaming = true;
  private preludeIndex = 0;

  constructor(
    private readonly plan: StreamPlan,
    private readonly abort: AbortController,
    private readonly logger: Logger,
  ) {}

  /** The events exactly as a client receives them (private fields removed, hidden items left out). */
  async *events(): AsyncGenerator<ThreadStreamEvent> {
    let completed = false;
    try {
      for (;;) {
        const next = await this.nextEvent();
        if (next.done) break;
        yield next.value;
      }
      completed = true;
    } finally {
      if (!completed) this.cancel();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for await (const event of this.events()) yield encoder.encode(encodeSseData(event));
  }

  /**
   * The SSE body. Events are encoded as they come and written together when several are ready
   * in the same turn of the event loop (or 16 KB pile up), so a fast stream costs a few large
   * writes instead of one per event, while a slow one still sends each event at once.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    let pending = '';
    let scheduled = false;
    let done = false;
    let cancelled = false;
    let pumping = false;
    let resume: (() => void) | undefined;
    let controller!: ReadableStreamDefaultController<Uint8Array>;

    const flush = () => {
      scheduled = false;
      if (cancelled) return;
      if (pending !== '') {
        controller.enqueue(encoder.encode(pending));
        pending = '';
      }
      if (done) controller.close();
    };
    const pump = async () => {
      pumping = true;
      for (;;) {
        // Prelude first; then the pipeline, awaited directly (this loop is the hot path).
        const next = this.preludeIndex < this.plan.prelude.length ? await this.nextEvent() : await this.plan.events.next();
        if (next.done || cancelled) break;
        pending += encodeSseData(toWireEvent(next.value));
        if (pending.length >= MAX_CHUNK_CHARS) flush();
        else if (!scheduled) {
          scheduled = true;
          nextTurn(() => !done && flush());
        }
        // Back-pressure: wait for the reader before producing more than one unread chunk.
        if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((wake) => (resume = wake));
      }
      done = true;
      flush();
    };
    return new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      pull: () => {
        if (!pumping) {
          void pump().catch((error: unknown) => {
          // The pipeline turns responder failures into error events; this is the last line of defence.
          this.logger.error('Stream failed', describeError(error));
          if (cancelled) return;
          pending += encodeSseData({ type: 'error', code: 'stream.error', allow_retry: true });
          done = true;
          flush();
        });
        } else {
          const wake = resume;
          resume = undefined;
          wake?.();
        }
      },
      cancel: () => {
        cancelled = true;
        resume?.();
        this.cancel();
      },
    });
  }

  /** Stops the reply: the responder's signal aborts and the cancellation cleanup runs. */
  cancel(): void {
    this.abort.abort();
    // The pipeline reacts to the abort; a responder stuck on other work must not hold us here.
    void this.plan.events.return(undefined).catch(() => {});
  }

  private async nextEvent(): Promise<IteratorResult<ThreadStreamEvent>> {
    const { prelude, events } = this.plan;
    if (this.preludeIndex < prelude.length) return { done: false, value: toWireEvent(prelude[this.preludeIndex++]!) };
    try {
      const next = await events.next();
      return next.done ? next : { done: false, value: toWireEvent(next.value) };
    } catch (error) {
      // The pipeline turns responder failures into error events; this is the last line of defence.
      this.logger.error('Stream failed', describeError(error));
      void events.return(undefined).catch(() => {});
      return { done: false, value: { type: 'error', code: 'stream.error', allow_retry: true } };
    }
  }
}
