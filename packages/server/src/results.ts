import { encodeSseData, SSE_KEEPALIVE, toWireEvent, type ThreadStreamEvent } from '@chatwire/protocol';
import type { StreamPlan } from './handlers/stream-plan.js';
import { DEFAULT_KEEP_ALIVE_MS, SilenceTimer } from './keep-alive.js';
import { describeError, type Logger } from './logger.js';
import type { ReplyRun } from './runs.js';

/** A JSON answer: `json` is the exact body to send with `Content-Type: application/json`. */
export class NonStreamingResult {
  readonly streaming = false;
  constructor(readonly json: string) {}
}

const encoder = new TextEncoder();
const KEEPALIVE_BYTES = encoder.encode(SSE_KEEPALIVE);
const PING = Symbol('ping');

export interface StreamingResultOptions {
  /** Send `: ping` after this many milliseconds without a byte (0: never). Default 15 000. */
  keepAliveMs?: number;
  /**
   * When the reader goes away, the reply runs on (its events still reach its run log) instead of
   * being cancelled: `onDisconnect: 'continue'`. Default false.
   */
  detachable?: boolean;
}

/** Flush a coalesced chunk once it reaches this size, without waiting for the next turn. */
const MAX_CHUNK_CHARS = 16 * 1024;

const nextTurn: (callback: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (callback) => void setImmediate(callback)
    : (callback) => void setTimeout(callback, 0);

/**
 * A streamed answer. Iterate it for SSE bytes (one event per chunk), read `events()` for the
 * wire events, or turn it into a `ReadableStream` (events that are ready together share a
 * chunk). Stopping early, or `cancel()`, cancels the reply on the server.
 */
export class StreamingResult implements AsyncIterable<Uint8Array> {
  readonly streaming = true;
  private preludeIndex = 0;

  private readonly keepAliveMs: number;
  private readonly detachable: boolean;
  private detached = false;

  constructor(
    private readonly plan: StreamPlan,
    private readonly run: ReplyRun,
    private readonly logger: Logger,
    options: StreamingResultOptions = {},
  ) {
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.detachable = options.detachable ?? false;
  }

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

  /** SSE bytes: one event per chunk, and a `: ping` chunk whenever the next event is slow to come. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.keepAliveMs === 0) {
      for await (const event of this.events()) yield encoder.encode(encodeSseData(event));
      return;
    }
    const events = this.events();
    let wake: ((ping: typeof PING) => void) | undefined;
    // Pings only while the reader waits for us: a reader busy elsewhere, or gone, stops the timer.
    const silence = new SilenceTimer(this.keepAliveMs, () => {
      const waiting = wake;
      wake = undefined;
      waiting?.(PING);
      return waiting !== undefined;
    });
    let completed = false;
    try {
      for (;;) {
        const next = events.next();
        for (;;) {
          silence.watch();
          const first = await Promise.race([next, new Promise<typeof PING>((resolve) => (wake = resolve))]);
          wake = undefined;
          if (first !== PING) break;
          yield KEEPALIVE_BYTES;
          silence.touch();
        }
        const { done, value } = await next;
        if (done) break;
        yield encoder.encode(encodeSseData(value));
        silence.touch();
      }
      completed = true;
    } finally {
      silence.stop();
      if (!completed) {
        // `events` may be waiting on a responder that ignores its signal: cancel, never wait for it.
        this.cancel();
        void events.return(undefined).catch(() => {});
      }
    }
  }

  /**
   * The SSE body. Events are encoded as they come and written together when several are ready
   * in the same turn of the event loop (or 16 KB pile up), so a fast stream costs a few large
   * writes instead of one per event, while a slow one still sends each event at once. A `: ping`
   * goes out between writes after each `keepAliveMs` of silence.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    let pending = '';
    let scheduled = false;
    let done = false;
    let cancelled = false;
    let pumping = false;
    let resume: (() => void) | undefined;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    // A reader that stopped reading gets no pings piling up: the timer stops until its next read.
    const silence =
      this.keepAliveMs > 0
        ? new SilenceTimer(this.keepAliveMs, () => {
            if (cancelled || done) return false;
            if (pending !== '') return true;
            if ((controller.desiredSize ?? 1) <= 0) return false;
            controller.enqueue(KEEPALIVE_BYTES);
            return true;
          })
        : undefined;

    const flush = () => {
      scheduled = false;
      if (cancelled) return;
      if (pending !== '') {
        controller.enqueue(encoder.encode(pending));
        pending = '';
        silence?.touch();
      }
      if (done) {
        silence?.stop();
        controller.close();
      }
    };
    const pump = async () => {
      pumping = true;
      for (;;) {
        // Prelude first; then the pipeline, awaited directly (this loop is the hot path).
        const next = this.preludeIndex < this.plan.prelude.length ? await this.nextEvent() : await this.plan.events.next();
        if (next.done) this.run.streamEnded();
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
        silence?.watch();
      },
      pull: () => {
        if (!done) silence?.watch();
        if (!pumping) {
          void pump().catch((error: unknown) => {
            // The pipeline turns responder failures into error events; this is the last line of defence.
            this.logger.error('Stream failed', describeError(error));
            this.run.streamEnded();
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
        silence?.stop();
        resume?.();
        this.cancel();
      },
    });
  }

  /**
   * The reader is gone but the reply goes on: the pipeline is read to its end here, so its events
   * still reach the run log and its writes still happen. Only for a `detachable` stream.
   */
  detach(): void {
    if (this.detached || !this.detachable) return;
    this.detached = true;
    const { events } = this.plan;
    void (async () => {
      try {
        for (;;) if ((await events.next()).done) break;
      } catch (error) {
        this.logger.error('Stream failed', describeError(error));
      } finally {
        this.run.streamEnded();
      }
    })();
  }

  /** Stops the reply: the responder's signal aborts and the cancellation cleanup runs (a `detachable` one detaches instead). */
  cancel(): void {
    if (this.detachable) return this.detach();
    this.run.stop();
    this.run.streamEnded();
    // The pipeline reacts to the abort; a responder stuck on other work must not hold us here.
    void this.plan.events.return(undefined).catch(() => {});
  }

  private async nextEvent(): Promise<IteratorResult<ThreadStreamEvent>> {
    const { prelude, events } = this.plan;
    if (this.preludeIndex < prelude.length) return { done: false, value: toWireEvent(prelude[this.preludeIndex++]!) };
    try {
      const next = await events.next();
      if (next.done) this.run.streamEnded();
      return next.done ? next : { done: false, value: toWireEvent(next.value) };
    } catch (error) {
      // The pipeline turns responder failures into error events; this is the last line of defence.
      this.logger.error('Stream failed', describeError(error));
      void events.return(undefined).catch(() => {});
      this.run.streamEnded();
      return { done: false, value: { type: 'error', code: 'stream.error', allow_retry: true } };
    }
  }
}
