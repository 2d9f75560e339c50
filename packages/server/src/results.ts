import { encodeSseData, toWireEvent, type ThreadStreamEvent } from '@chatwire/protocol';
import type { Logger } from './logger.js';
import { describeError } from './logger.js';

/** A JSON answer: `json` is the exact body to send with `Content-Type: application/json`. */
export class NonStreamingResult {
  readonly streaming = false;
  constructor(readonly json: string) {}
}

const encoder = new TextEncoder();

/**
 * A streamed answer. Iterate it for SSE bytes, read `events()` for the wire events, or turn it
 * into a `ReadableStream`. Stopping early (or `cancel()`) cancels the reply on the server.
 */
export class StreamingResult implements AsyncIterable<Uint8Array> {
  readonly streaming = true;

  constructor(
    private readonly source: AsyncGenerator<ThreadStreamEvent>,
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
      if (!completed) await this.cancel();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for await (const event of this.events()) yield encoder.encode(encodeSseData(event));
  }

  toReadableStream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const next = await this.nextEvent();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(encodeSseData(next.value)));
      },
      cancel: () => this.cancel(),
    });
  }

  /** Stops the reply: the responder's signal aborts and the cancellation cleanup runs. */
  async cancel(): Promise<void> {
    this.abort.abort();
    await this.source.return(undefined);
  }

  private async nextEvent(): Promise<IteratorResult<ThreadStreamEvent>> {
    try {
      const next = await this.source.next();
      return next.done ? next : { done: false, value: toWireEvent(next.value) };
    } catch (error) {
      // The pipeline turns responder failures into error events; this is the last line of defence.
      this.logger.error('Stream failed', describeError(error));
      await this.source.return(undefined).catch(() => {});
      return { done: false, value: { type: 'error', code: 'stream.error', allow_retry: true } };
    }
  }
}
