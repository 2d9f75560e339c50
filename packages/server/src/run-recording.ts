import { toWireEvent, type ThreadStreamEvent } from '@chatwire/protocol';
import type { EventBus, RunEnd } from './bus/event-bus.js';
import { describeError, type Logger } from './logger.js';

const nextTurn: (callback: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (callback) => void setImmediate(callback)
    : (callback) => void setTimeout(callback, 0);

/**
 * One run's side of its event log: every event the reply's client receives is appended, in order,
 * in wire form, as the client receives it. Appends never hold up the reply: while one is on its way, the events
 * that come meanwhile wait and go together in the next, so a slow bus costs batches, not latency.
 */
export class RunRecording {
  #count = 0;
  #queue: ThreadStreamEvent[] = [];
  #flushing: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #scheduled = false;
  #failed = false;

  constructor(
    readonly runId: string,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly onFinished: () => void,
  ) {}

  record(event: ThreadStreamEvent): void {
    this.#queue.push(toWireEvent(event));
    if (this.#scheduled || this.#flushing !== undefined) return;
    this.#scheduled = true;
    // The bus says how long events may wait to go together (a database wants few appends); else the next turn.
    const delay = this.bus.appendDelayMs;
    if (delay === undefined || delay <= 0) nextTurn(this.#go);
    else this.#timer = setTimeout(this.#go, delay);
  }

  readonly #go = (): void => {
    if (!this.#scheduled) return;
    this.#scheduled = false;
    this.#timer = undefined;
    this.#flushing = this.#flush();
  };

  /** Waits for the appends, then marks the run ended; its readers end after its last event. */
  async finish(end: RunEnd): Promise<void> {
    try {
      // The last events go now: the run is over, and no timer of ours outlives it.
      if (this.#scheduled) {
        clearTimeout(this.#timer);
        this.#go();
      }
      if (this.#flushing) await this.#flushing;
      await this.bus.finish(this.runId, end);
    } catch (error) {
      this.logger.error('Finishing a run on the event bus failed', { runId: this.runId, ...describeError(error) });
    } finally {
      this.onFinished();
    }
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const first = this.#count;
      this.#count += batch.length;
      try {
        await this.bus.append(this.runId, first, batch);
      } catch (error) {
        // The reply goes on for the client reading it; only resuming it elsewhere is lost.
        if (!this.#failed) this.logger.error('Appending to a run log failed', { runId: this.runId, ...describeError(error) });
        this.#failed = true;
      }
    }
    this.#flushing = undefined;
  }
}
