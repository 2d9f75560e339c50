import { PostgresEventBus, PostgresStore, type QueryResult, type SqlClient } from '@chatwire/postgres';
import { MemoryEventBus, ServiceUnavailableError, type EventBus } from '@chatwire/server';
import type { AppContext } from '../context.js';
import { DeferredEventBus } from './deferred-event-bus.js';
import type { DatabaseOpener, OpenDatabase } from './open-database.js';
import { DatabaseProbe, type ProbeOptions } from './readiness.js';

/** `Retry-After` while the database is still opening: PGlite takes seconds, a warm pool less. */
const STARTING_RETRY_AFTER_SECONDS = 1;

/** What `/readyz` answers: 200 with `{"status":"ready"}`, else 503 with why. */
export interface Readiness {
  ready: boolean;
  body: { status: 'ready' | 'starting' | 'unavailable' | 'failed'; message?: string };
}

/**
 * The app's database over the app's lifetime. Opening (and migrating, and warming the pool)
 * starts at once and runs in the background, so the app can listen before it is done. `store`
 * exists from the start; until the database is open its calls fail with a 503.
 */
export class AppDatabase {
  readonly store: PostgresStore<AppContext>;
  /** The event bus on the same database (`chatwire_runs`, LISTEN/NOTIFY); like `store`, usable once open. */
  readonly bus: EventBus;
  #openBus: EventBus | undefined;
  /** Resolves once the database is open and migrated; rejects with what stopped it. */
  readonly opened: Promise<void>;
  #database: OpenDatabase | undefined;
  #probe: DatabaseProbe | undefined;
  #failed = false;
  readonly #closing = new AbortController();

  constructor(open: DatabaseOpener, probeOptions: ProbeOptions = {}) {
    this.store = new PostgresStore<AppContext>(new DeferredClient(() => this.#database?.client));
    this.bus = new DeferredEventBus(() => this.#openBus);
    this.opened = open(this.#closing.signal).then(
      (database) => {
        this.#database = database;
        this.#openBus = database.notifications
          ? new PostgresEventBus(database.client, database.notifications)
          : new MemoryEventBus();
        this.#probe = new DatabaseProbe(database.client, probeOptions);
      },
      (error: unknown) => {
        this.#failed = true;
        throw error;
      },
    );
    // Reported through `opened` to whoever awaits it; never an unhandled rejection.
    this.opened.catch(() => {});
  }

  get isOpen(): boolean {
    return this.#database !== undefined;
  }

  /** Why a request that needs the database cannot be served yet (503 with Retry-After). */
  notOpenError(): ServiceUnavailableError {
    return this.#failed
      ? new ServiceUnavailableError('The database could not be opened; see the server log')
      : new ServiceUnavailableError('The server is starting; try again shortly', STARTING_RETRY_AFTER_SECONDS);
  }

  /** Open and answering: a cheap query, cached for about a second. */
  async readiness(): Promise<Readiness> {
    if (!this.#probe) return { ready: false, body: { status: this.#failed ? 'failed' : 'starting' } };
    const result = await this.#probe.check();
    return result.ok
      ? { ready: true, body: { status: 'ready' } }
      : { ready: false, body: { status: 'unavailable', message: result.message } };
  }

  /** Closes the pool or the embedded database, after an opening in progress has finished or given up. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.opened.catch(() => {});
    const database = this.#database;
    const bus = this.#openBus;
    this.#database = undefined;
    this.#openBus = undefined;
    this.#probe = undefined;
    await bus?.close();
    await database?.close();
  }
}

/** A `SqlClient` that is the open database's client once there is one, and a 503 before. */
class DeferredClient implements SqlClient {
  constructor(private readonly current: () => SqlClient | undefined) {}

  async query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.#target().query<Row>(text, params);
  }

  async exec(script: string): Promise<void> {
    return this.#target().exec(script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.#target().transaction(fn);
  }

  /** The app closes the real client itself. */
  async close(): Promise<void> {}

  #target(): SqlClient {
    const client = this.current();
    if (!client) throw new ServiceUnavailableError('The database is not open', STARTING_RETRY_AFTER_SECONDS);
    return client;
  }
}
