import { PGlite } from '@electric-sql/pglite';
import type { QueryResult, SqlClient } from '../sql-client.js';
import { traced } from '../tracing.js';
import { runTransaction, type Session, type TaggedResult } from '../transaction.js';

export interface PgliteClientOptions {
  /** Directory for the database files, created when missing. Omitted: in memory, gone with the process. */
  dataDir?: string;
  /** An open PGlite to use instead of starting one; `close()` then leaves it open. */
  pglite?: PGlite;
}

/** A `SqlClient` over embedded PGlite. */
export interface PgliteClient extends SqlClient {
  readonly pglite: PGlite;
}

/**
 * Starts PGlite (Postgres compiled to WebAssembly, in this process) and wraps it as a
 * `SqlClient`. Starting takes a few seconds and most of a gigabyte, so open one per process.
 */
export async function createPgliteClient(options: PgliteClientOptions = {}): Promise<PgliteClient> {
  const pglite = options.pglite ?? (await PGlite.create(options.dataDir));
  await pglite.waitReady;
  return new PgliteSqlClient(pglite, options.pglite === undefined);
}

/**
 * PGlite is one session. Work from concurrent callers is queued so that a statement from one
 * request never lands inside another request's open transaction (and is never rolled back with it).
 */
class PgliteSqlClient implements PgliteClient {
  readonly #queue = new SerialQueue();
  readonly #session: Session;
  #closed = false;

  constructor(
    readonly pglite: PGlite,
    private readonly ownsDatabase: boolean,
  ) {
    this.#session = {
      query: <Row>(text: string, params?: readonly unknown[]): Promise<TaggedResult<Row>> =>
        traced(text, async () => {
          const result = await pglite.query<Row>(text, params === undefined ? undefined : [...params]);
          const rowCount = result.rowCount ?? result.affectedRows ?? result.rows.length;
          return { rows: result.rows, rowCount, command: result.command };
        }),
      exec: async (script: string) => {
        await pglite.exec(script);
      },
    };
  }

  async query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    const { rows, rowCount } = await this.#queue.run(() => this.#session.query<Row>(text, params));
    return { rows, rowCount };
  }

  async exec(script: string): Promise<void> {
    await this.#queue.run(() => this.#session.exec(script));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.#queue.run(() => runTransaction(this.#session, fn));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Queued behind work already accepted, so nothing in flight is cut off.
    if (this.ownsDatabase) await this.#queue.run(() => this.pglite.close());
  }
}

/** Runs tasks one at a time, in the order they were handed in; one task failing does not stop the next. */
class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
export { pgliteNotifications } from './pglite-notifications.js';
