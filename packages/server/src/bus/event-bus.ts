import type { ThreadStreamEvent } from '@chatwire/protocol';

/**
 * The port through which replies outlive their connection and reach across instances: each
 * running reply (a run) has an event log per thread, readers that follow it, stop signals for
 * whoever runs it, and a lease its owner renews so that a dead owner's run is found and closed.
 * `MemoryEventBus` is the one-process implementation; `@chatwire/postgres` and `@chatwire/redis`
 * share it between instances. Every implementation passes `runEventBusConformance`.
 */

/** How a run ended. */
export type RunEnd = 'completed' | 'stopped' | 'failed';

/** One run as the bus knows it. */
export interface RunClaim {
  threadId: string;
  runId: string;
  /** The instance running it (its stop signals go there). */
  owner: string;
  /** What an instance recovering the run needs to act for its user (opaque to the bus), if anything. */
  recovery?: string | undefined;
}

/** A run whose owner stopped renewing its lease, now held by the instance that found it, with its log. */
export interface AbandonedRun {
  claim: RunClaim;
  /** Its events so far, in order. */
  events: ThreadStreamEvent[];
}

export interface EventBus {
  /**
   * How long a run's events may wait to be appended together, in ms. A bus in another process
   * wants few appends (25 ms: about 40 a second for a fast reply, a resuming client lagging by at
   * most that); unset, events go at the next turn of the event loop.
   */
  readonly appendDelayMs?: number;
  /** Starts a run: from now on it is its thread's running reply, leased to `claim.owner` for `leaseMs`. */
  start(claim: RunClaim, leaseMs: number): Promise<void>;
  /**
   * Appends events, in wire form (`toWireEvent`), to the run's log; `first` is the number of events
   * appended before them. A bus that stores them elsewhere serializes them; one in memory keeps them.
   */
  append(runId: string, first: number, events: readonly ThreadStreamEvent[]): Promise<void>;
  /** The run ended: its readers get the rest of its log and end; new readers find no running reply. */
  finish(runId: string, end: RunEnd): Promise<void>;
  /** The owner is alive: these runs' leases run for another `leaseMs` from now. */
  renew(runIds: readonly string[], leaseMs: number): Promise<void>;
  /**
   * The events of the thread's running reply after the first `after` of them, then live ones as
   * they are appended, ending when the run finishes (or `signal` aborts). With no running reply
   * it ends at once. Events read back from storage are parsed with the protocol schema again.
   */
  read(threadId: string, after: number, signal?: AbortSignal): AsyncIterable<ThreadStreamEvent>;
  /** Asks whoever runs the thread's replies to stop them; false when none is running. */
  requestStop(threadId: string): Promise<boolean>;
  /** Calls `onStop(runId)` for every stop asked of a run `owner` runs; resolves once listening, to an unsubscribe. */
  listen(owner: string, onStop: (runId: string) => void): Promise<() => Promise<void>>;
  /**
   * Takes over the running runs whose lease has expired: each is leased to `owner` for `leaseMs`
   * (so exactly one instance gets it) and handed back with its log, to be cleaned up and finished.
   */
  reap(owner: string, leaseMs: number): Promise<AbandonedRun[]>;
  /** Releases connections the bus opened. */
  close(): Promise<void>;
}
