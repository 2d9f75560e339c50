import type { ThreadStreamEvent } from '@chatwire/protocol';
import {
  decodeLoggedEvent,
  encodeLoggedEvent,
  type AbandonedRun,
  type EventBus,
  type RunClaim,
  type RunEnd,
} from '@chatwire/server';
import type { Notifications } from './notifications.js';
import type { SqlClient } from './sql-client.js';

/** Channels carry ids only; the rows are read from the tables. */
const EVENTS_CHANNEL = 'chatwire_run_events';
const STOPS_CHANNEL = 'chatwire_run_stops';

/** A reader looks again this often even without a notification (one lost in a reconnect, say). */
const POLL_MS = 1_000;

/** How long an ended run's rows stay, for readers still catching up. */
const KEEP_ENDED = "interval '1 minute'";

interface EventRow {
  state: string;
  seq: number | null;
  event: string | null;
}

/**
 * The event bus on Postgres (or PGlite): run logs in `chatwire_run_events`, runs and their leases
 * in `chatwire_runs` (migration `004_runs.sql`), and `NOTIFY` carrying only a run id: each reader
 * reads the new rows itself. Lease times are the database's clock, so instances' clocks may differ.
 */
export class PostgresEventBus implements EventBus {
  /** Events of a fast reply go in one append per 25 ms: a few statements a second per reply, not one per delta. */
  readonly appendDelayMs = 25;
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #stopListeners = new Map<string, Set<(runId: string) => void>>();
  #listening: Promise<void> | undefined;
  #unlisten: Array<() => Promise<void>> = [];

  constructor(
    private readonly sql: SqlClient,
    private readonly notifications: Notifications,
  ) {
    notifications.onGap?.(() => {
      for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.wake();
    });
  }

  async start(claim: RunClaim, leaseMs: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO chatwire_runs (run_id, thread_id, owner, recovery, lease_until)
       VALUES ($1, $2, $3, $4, now() + $5::integer * interval '1 millisecond')`,
      [claim.runId, claim.threadId, claim.owner, claim.recovery ?? null, leaseMs],
    );
  }

  async append(runId: string, first: number, events: readonly ThreadStreamEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.query(
      `WITH added AS (
         INSERT INTO chatwire_run_events (run_id, seq, event)
         SELECT $1, $2::integer + e.ord::integer - 1, e.value FROM jsonb_array_elements_text($3::jsonb) WITH ORDINALITY AS e(value, ord)
       )
       SELECT pg_notify('${EVENTS_CHANNEL}', $1)`,
      [runId, first, JSON.stringify(events.map(encodeLoggedEvent))],
    );
  }

  async finish(runId: string, end: RunEnd): Promise<void> {
    await this.sql.query(
      `WITH ended AS (
         UPDATE chatwire_runs SET state = $2, finished_at = now() WHERE run_id = $1 AND state = 'running'
       )
       SELECT pg_notify('${EVENTS_CHANNEL}', $1)`,
      [runId, end],
    );
    await this.sql.query(`DELETE FROM chatwire_runs WHERE state <> 'running' AND finished_at < now() - ${KEEP_ENDED}`);
  }

  async renew(runIds: readonly string[], leaseMs: number): Promise<void> {
    if (runIds.length === 0) return;
    await this.sql.query(
      `UPDATE chatwire_runs SET lease_until = now() + $2::integer * interval '1 millisecond'
       WHERE state = 'running' AND run_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(runIds), leaseMs],
    );
  }

  async *read(threadId: string, after: number, signal?: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    await this.#listen();
    const { rows } = await this.sql.query<{ run_id: string }>(
      `SELECT run_id FROM chatwire_runs WHERE thread_id = $1 AND state = 'running' ORDER BY started DESC LIMIT 1`,
      [threadId],
    );
    const runId = rows[0]?.run_id;
    if (runId === undefined) return;
    const waiter = new Waiter();
    const waiters = this.#waiters.get(runId) ?? new Set<Waiter>();
    this.#waiters.set(runId, waiters);
    waiters.add(waiter);
    try {
      let next = after;
      while (!signal?.aborted) {
        waiter.reset();
        // One statement, one snapshot: when it says the run ended, it holds every event the run had.
        const { rows: found } = await this.sql.query<EventRow>(
          `SELECT r.state, e.seq, e.event FROM chatwire_runs r
           LEFT JOIN chatwire_run_events e ON e.run_id = r.run_id AND e.seq >= $2::bigint
           WHERE r.run_id = $1 ORDER BY e.seq`,
          [runId, next],
        );
        for (const row of found) {
          if (row.seq === null || row.event === null || row.seq !== next) continue;
          next += 1;
          const event = decodeLoggedEvent(row.event);
          if (event) yield event;
        }
        if (found.length === 0 || found[0]!.state !== 'running') return;
        await waiter.wait(POLL_MS, signal);
      }
    } finally {
      waiters.delete(waiter);
      if (waiters.size === 0) this.#waiters.delete(runId);
    }
  }

  async requestStop(threadId: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `SELECT pg_notify('${STOPS_CHANNEL}', owner || ' ' || run_id) FROM chatwire_runs WHERE thread_id = $1 AND state = 'running'`,
      [threadId],
    );
    return rowCount > 0;
  }

  async listen(owner: string, onStop: (runId: string) => void): Promise<() => Promise<void>> {
    await this.#listen();
    const listeners = this.#stopListeners.get(owner) ?? new Set();
    this.#stopListeners.set(owner, listeners);
    listeners.add(onStop);
    return async () => {
      listeners.delete(onStop);
      if (listeners.size === 0) this.#stopListeners.delete(owner);
    };
  }

  async reap(owner: string, leaseMs: number): Promise<AbandonedRun[]> {
    // Two instances reaping at once: the second's update waits for the first's row lock, then
    // finds the lease renewed and takes nothing.
    const { rows } = await this.sql.query<{ run_id: string; thread_id: string; owner: string; recovery: string | null }>(
      `UPDATE chatwire_runs SET owner = $1, lease_until = now() + $2::integer * interval '1 millisecond'
       WHERE state = 'running' AND lease_until < now()
       RETURNING run_id, thread_id, owner, recovery`,
      [owner, leaseMs],
    );
    const taken: AbandonedRun[] = [];
    for (const row of rows) {
      const { rows: events } = await this.sql.query<{ event: string }>(
        'SELECT event FROM chatwire_run_events WHERE run_id = $1 ORDER BY seq',
        [row.run_id],
      );
      const claim: RunClaim = { threadId: row.thread_id, runId: row.run_id, owner: row.owner };
      if (row.recovery !== null) claim.recovery = row.recovery;
      taken.push({ claim, events: events.flatMap((e) => decodeLoggedEvent(e.event) ?? []) });
    }
    return taken;
  }

  async close(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = [];
    this.#listening = undefined;
    await Promise.all(unlisten.map((stop) => stop()));
    for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.wake();
  }

  #listen(): Promise<void> {
    this.#listening ??= (async () => {
      try {
        this.#unlisten.push(
          await this.notifications.listen(EVENTS_CHANNEL, (runId) => {
            for (const waiter of this.#waiters.get(runId) ?? []) waiter.wake();
          }),
          await this.notifications.listen(STOPS_CHANNEL, (payload) => {
            const [owner, runId] = payload.split(' ');
            if (owner === undefined || runId === undefined) return;
            for (const listener of this.#stopListeners.get(owner) ?? []) listener(runId);
          }),
        );
      } catch (error) {
        this.#listening = undefined;
        throw error;
      }
    })();
    return this.#listening;
  }
}

/** A reader waiting for its run's next notification; one that came while it was reading is not lost. */
class Waiter {
  #notified = false;
  #wake: (() => void) | undefined;

  reset(): void {
    this.#notified = false;
  }

  wake(): void {
    this.#notified = true;
    this.#wake?.();
  }

  wait(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.#notified || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.#wake = done;
    });
  }
}
