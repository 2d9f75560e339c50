import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { EventBus } from './bus/event-bus.js';
import { MemoryEventBus } from './bus/memory-event-bus.js';
import type { ResolvedHooks } from './hooks.js';
import { describeError, type Logger } from './logger.js';
import { PendingItems } from './pending-items.js';
import { RunRecording } from './run-recording.js';
import type { ReplyRun } from './runs.js';
import type { Store } from './store.js';

/** What a client disconnect does to its running reply: stop it (the reference's meaning), or let it run on, resumable. */
export type DisconnectPolicy = 'cancel' | 'continue';

export const DEFAULT_LEASE_MS = 10_000;

/** How replies run: where their events go, and what a disconnect does. Every setting has a default. */
export interface RunSettings<TContext> {
  /** Shared by every instance of the app; default: a `MemoryEventBus` (this process only). */
  bus?: EventBus;
  /** Default `cancel`. */
  onDisconnect?: DisconnectPolicy;
  /**
   * The lease: a run whose instance died (no renewal) is closed by another instance within this
   * time of its last renewal, so within it of the death (default 10 000 ms).
   */
  leaseMs?: number;
  /**
   * How often an instance renews its runs' leases and looks for abandoned ones (default a fifth of
   * the lease; at most half of it).
   */
  renewMs?: number;
  /**
   * How an instance acts for the user of a run it found abandoned (its owner died): `save` is kept
   * with the run, `restore` turns it back into a context for the store. Without it, an abandoned run
   * is marked failed but its partial reply is not saved.
   */
  recovery?: { save(context: TContext): string; restore(saved: string): TContext | undefined };
}

/** A stop asked for with `chatwire.threads.stop`: the reply is cancelled and keeps what it showed. */
export class ExplicitStop extends Error {
  constructor() {
    super('The reply was stopped');
    this.name = 'ExplicitStop';
  }
}

interface ManagerDeps<TContext> {
  store: Store<TContext>;
  hooks: ResolvedHooks<TContext>;
  logger: Logger;
}

/** How long `chatwire.threads.stop` waits for the stopped reply to save what it keeps. */
const STOP_WAIT_MS = 10_000;

/**
 * The runs of one server instance on the event bus: opens each reply's run, renews their leases,
 * stops them when asked from any instance, and closes runs whose owner died (keeping their partial
 * reply through the same `handleStreamCancelled` a cancelled reply goes through).
 */
export class RunManager<TContext> {
  readonly owner = crypto.randomUUID();
  readonly bus: EventBus;
  readonly onDisconnect: DisconnectPolicy;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #local = new Map<string, ReplyRun>();
  readonly #settings: RunSettings<TContext>;
  #listening: Promise<() => Promise<void>> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  #tickFailing = false;

  constructor(
    settings: RunSettings<TContext>,
    private readonly deps: ManagerDeps<TContext>,
  ) {
    this.#settings = settings;
    this.bus = settings.bus ?? new MemoryEventBus();
    this.onDisconnect = settings.onDisconnect ?? 'cancel';
    this.#leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
    this.#renewMs = settings.renewMs ?? Math.max(1, Math.floor(this.#leaseMs / 5));
    if (!(this.#renewMs > 0 && this.#renewMs * 2 <= this.#leaseMs))
      throw new RangeError(`runs.renewMs (${this.#renewMs}) must be above 0 and at most half of runs.leaseMs (${this.#leaseMs})`);
    // A bus of this process alone has nobody else to renew for or to find dead.
    if (settings.bus) this.#startTimer();
  }

  /** Opens the run of a reply starting now on `threadId`; undefined when the bus cannot take it (the reply goes on unrecorded). */
  async open(threadId: string, context: TContext, run: ReplyRun): Promise<RunRecording | undefined> {
    const runId = crypto.randomUUID();
    // Known here before the bus knows it, so a stop that comes right after the start finds it.
    this.#local.set(runId, run);
    try {
      this.#listening ??= this.bus.listen(this.owner, (id) => this.#local.get(id)?.stop(new ExplicitStop()));
      await this.#listening;
      await this.bus.start(
        { threadId, runId, owner: this.owner, recovery: this.#settings.recovery?.save(context) },
        this.#busLeaseMs,
      );
    } catch (error) {
      this.#local.delete(runId);
      this.#listening = undefined;
      this.deps.logger.error('Opening a run on the event bus failed', { threadId, ...describeError(error) });
      return undefined;
    }
    return new RunRecording(runId, this.bus, this.deps.logger, () => this.#local.delete(runId));
  }

  /** Stops the thread's running reply wherever it runs; resolves once it has ended (or after a while). */
  async stop(threadId: string): Promise<void> {
    if (!(await this.bus.requestStop(threadId))) return;
    for await (const _ of this.bus.read(threadId, Number.MAX_SAFE_INTEGER, AbortSignal.timeout(STOP_WAIT_MS))) {
      // Nothing comes after the last event; reading ends with the run.
    }
  }

  /** The thread's running reply: its events after the first `after`, then live ones, to its end. */
  async *follow(threadId: string, after: number, signal: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    yield* this.bus.read(threadId, after, signal);
  }

  /** Stops renewing and listening (shutdown); runs still going end through their own pipeline. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const listening = this.#listening;
    this.#listening = undefined;
    if (listening) await (await listening.catch(() => async () => {}))();
  }

  /**
   * What the bus is told: the lease less one check period, since abandoned runs are looked for
   * once a period, so a dead instance's run is closed within `leaseMs` of its last renewal. A
   * live owner renews every period, three or more periods before this runs out.
   */
  get #busLeaseMs(): number {
    return this.#leaseMs - this.#renewMs;
  }

  #startTimer(): void {
    this.#timer = setInterval(() => void this.#tick(), this.#renewMs);
    // In Node, the timer alone must not keep a process alive.
    const timer: unknown = this.#timer;
    if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      if (this.#local.size > 0) await this.bus.renew([...this.#local.keys()], this.#busLeaseMs);
      for (const abandoned of await this.bus.reap(this.owner, this.#busLeaseMs))
        await this.#recover(abandoned.claim, abandoned.events);
      this.#tickFailing = false;
    } catch (error) {
      // Once per outage: the timer tries again every few seconds.
      if (!this.#tickFailing) this.deps.logger.error('Renewing runs on the event bus failed', describeError(error));
      this.#tickFailing = true;
    } finally {
      this.#ticking = false;
    }
  }

  /** A run whose owner died: it keeps what its user saw, as a cancelled reply does, and is marked failed. */
  async #recover(
    claim: { threadId: string; runId: string; recovery?: string | undefined },
    events: ThreadStreamEvent[],
  ): Promise<void> {
    const { store, hooks, logger } = this.deps;
    try {
      const context = claim.recovery === undefined ? undefined : this.#settings.recovery?.restore(claim.recovery);
      if (context === undefined) {
        logger.warn('An abandoned run was closed without saving its partial reply (no recovery settings)', {
          threadId: claim.threadId,
        });
      } else {
        const pending = new PendingItems();
        for (const event of events) pending.follow(event);
        const thread = await store.loadThread(claim.threadId, context);
        await hooks.handleStreamCancelled(thread, pending.values(), context);
      }
      logger.warn('A run whose instance stopped answering was marked failed', { threadId: claim.threadId, runId: claim.runId });
    } catch (error) {
      logger.error('Closing an abandoned run failed', { threadId: claim.threadId, ...describeError(error) });
    }
    await this.bus.finish(claim.runId, 'failed').catch((error: unknown) => {
      logger.error('Finishing an abandoned run failed', { threadId: claim.threadId, ...describeError(error) });
    });
  }
}
