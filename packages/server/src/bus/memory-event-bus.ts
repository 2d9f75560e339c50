import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { AbandonedRun, EventBus, RunClaim, RunEnd } from './event-bus.js';

interface MemoryRun {
  claim: RunClaim;
  events: ThreadStreamEvent[];
  running: boolean;
  leaseUntil: number;
  wake: Set<() => void>;
}

export interface MemoryEventBusOptions {
  /** Milliseconds since the epoch, for leases; injectable for tests. */
  now?: () => number;
}

/**
 * The event bus of one process: logs in memory, stops delivered by a function call. Enough for a
 * server with a `MemoryStore` or a single instance; several instances need a shared bus.
 */
export class MemoryEventBus implements EventBus {
  readonly #runs = new Map<string, MemoryRun>();
  readonly #listeners = new Map<string, Set<(runId: string) => void>>();
  readonly #now: () => number;

  constructor(options: MemoryEventBusOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  start(claim: RunClaim, leaseMs: number): Promise<void> {
    this.#runs.set(claim.runId, {
      claim: { ...claim },
      events: [],
      running: true,
      leaseUntil: this.#now() + leaseMs,
      wake: new Set(),
    });
    return Promise.resolve();
  }

  append(runId: string, first: number, events: readonly ThreadStreamEvent[]): Promise<void> {
    const run = this.#runs.get(runId);
    if (!run) return Promise.reject(new Error(`No run ${runId}`));
    if (first !== run.events.length)
      return Promise.reject(new Error(`Run ${runId} has ${run.events.length} events, not ${first}`));
    for (const event of events) run.events.push(ownCopy(event));
    wakeAll(run);
    return Promise.resolve();
  }

  finish(runId: string, _end: RunEnd): Promise<void> {
    const run = this.#runs.get(runId);
    if (run) {
      run.running = false;
      // Readers keep their own reference to the log; nobody new finds it.
      this.#runs.delete(runId);
      wakeAll(run);
    }
    return Promise.resolve();
  }

  renew(runIds: readonly string[], leaseMs: number): Promise<void> {
    const until = this.#now() + leaseMs;
    for (const id of runIds) {
      const run = this.#runs.get(id);
      if (run) run.leaseUntil = until;
    }
    return Promise.resolve();
  }

  async *read(threadId: string, after: number, signal?: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    const run = this.#latest(threadId);
    if (!run) return;
    let next = after;
    while (!signal?.aborted) {
      while (next < run.events.length) yield run.events[next++]!;
      if (!run.running) return;
      await waitFor(run, signal);
    }
  }

  requestStop(threadId: string): Promise<boolean> {
    const runs = [...this.#runs.values()].filter((run) => run.running && run.claim.threadId === threadId);
    for (const run of runs) for (const listener of this.#listeners.get(run.claim.owner) ?? []) listener(run.claim.runId);
    return Promise.resolve(runs.length > 0);
  }

  listen(owner: string, onStop: (runId: string) => void): Promise<() => Promise<void>> {
    const listeners = this.#listeners.get(owner) ?? new Set();
    this.#listeners.set(owner, listeners);
    listeners.add(onStop);
    return Promise.resolve(() => {
      listeners.delete(onStop);
      return Promise.resolve();
    });
  }

  reap(owner: string, leaseMs: number): Promise<AbandonedRun[]> {
    const now = this.#now();
    const taken: AbandonedRun[] = [];
    for (const run of this.#runs.values()) {
      if (!run.running || run.leaseUntil >= now) continue;
      run.claim.owner = owner;
      run.leaseUntil = now + leaseMs;
      taken.push({ claim: { ...run.claim }, events: [...run.events] });
    }
    return Promise.resolve(taken);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The thread's newest running run. */
  #latest(threadId: string): MemoryRun | undefined {
    let found: MemoryRun | undefined;
    for (const run of this.#runs.values()) if (run.running && run.claim.threadId === threadId) found = run;
    return found;
  }
}

/**
 * The log's own copy: a responder may go on changing an item it yielded. A text delta holds only
 * strings, and is most of a reply: kept as it is, so the hot path copies nothing.
 */
function ownCopy(event: ThreadStreamEvent): ThreadStreamEvent {
  if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') return event;
  return structuredClone(event);
}

function wakeAll(run: MemoryRun): void {
  const waiting = [...run.wake];
  run.wake.clear();
  for (const wake of waiting) wake();
}

function waitFor(run: MemoryRun, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      run.wake.delete(done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    run.wake.add(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
