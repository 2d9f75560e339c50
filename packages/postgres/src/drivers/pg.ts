import { stderrLogger, type Logger } from '@chatwire/server';
import pg, { type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { toUnavailable, type UnavailableOptions } from '../database-errors.js';
import type { QueryResult, SqlClient } from '../sql-client.js';
import { traced } from '../tracing.js';
import { runTransaction, type Session, type TaggedResult } from '../transaction.js';

export interface PgClientOptions {
  /** `postgres://user:password@host:port/database`; `?options=-c%20search_path%3Dchatwire` picks a schema. */
  connectionString?: string;
  /**
   * Use this pool instead of opening one. `close()` then leaves it open, and its own config
   * decides `statement_timeout`; the client-side timeout below still applies to every query.
   */
  pool?: pg.Pool;
  /** The longest a statement may run before the server cancels it (`statement_timeout`). Default 10 s. */
  queryTimeoutMs?: number;
  /** The longest to wait for a connection, new or from the pool. Default 5 s. */
  connectTimeoutMs?: number;
  /** Pool size. Default 10. */
  max?: number;
  /** The `Retry-After` sent with 503 answers while the database is unavailable. Default 5 s. */
  retryAfterSeconds?: number;
  logger?: Logger;
  /** Anything else for `pg.Pool` (`ssl`, `options`, `idleTimeoutMillis`, `min`…); the fields above win. */
  poolConfig?: PoolConfig;
}

/** A `SqlClient` over a `pg.Pool`. */
export interface PgClient extends SqlClient {
  readonly pool: pg.Pool;
  /** Opens up to `connections` connections (default: the pool size) now, so the first requests do not wait for them. */
  warm(connections?: number): Promise<void>;
}

/** How much later than `statement_timeout` the client gives up on its own: for a server that stopped answering at all. */
const CLIENT_TIMEOUT_GRACE_MS = 2_000;

/**
 * A `SqlClient` over `pg`. Every statement has a timeout; errors that mean "the database is not
 * there right now" become `ServiceUnavailableError` (HTTP 503 with Retry-After). Broken
 * connections are dropped from the pool and new ones opened on demand, so the client recovers by
 * itself when the database comes back.
 */
export function createPgClient(options: PgClientOptions): PgClient {
  return new PgSqlClient(options);
}

class PgSqlClient implements PgClient {
  readonly pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #errors: UnavailableOptions;
  readonly #clientTimeoutMs: number;
  readonly #logger: Logger;
  #closed = false;

  constructor(options: PgClientOptions) {
    const queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
    this.#errors = { queryTimeoutMs, retryAfterSeconds: options.retryAfterSeconds ?? 5 };
    this.#clientTimeoutMs = queryTimeoutMs + CLIENT_TIMEOUT_GRACE_MS;
    this.#logger = options.logger ?? stderrLogger;
    this.#ownsPool = options.pool === undefined;
    this.pool =
      options.pool ??
      new pg.Pool({
        idleTimeoutMillis: 60_000,
        keepAlive: true,
        application_name: 'chatwire',
        ...options.poolConfig,
        ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
        max: options.max ?? options.poolConfig?.max ?? 10,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
        statement_timeout: queryTimeoutMs,
      });
    // An idle connection that dies (server restart, network) is reported here; without a
    // listener Node would crash the process. The pool has already discarded it.
    this.pool.on('error', this.#onIdleError);
  }

  async query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return traced(text, async () => {
      try {
        const result = await this.pool.query<QueryResultRow & Row>(this.#config(text, params));
        return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        throw toUnavailable(error, this.#errors);
      }
    });
  }

  async exec(script: string): Promise<void> {
    // Not through query(): a script of several statements answers an array of results.
    try {
      await this.pool.query(this.#config(script));
    } catch (error) {
      throw toUnavailable(error, this.#errors);
    }
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let broken = false;
    const onError = (error: Error) => {
      broken = true;
      this.#logger.warn('Database connection failed during a transaction', { error: error.message });
    };
    client.on('error', onError);
    try {
      return await runTransaction(this.#session(client), fn, () => {
        broken = true;
      });
    } catch (error) {
      throw toUnavailable(error, this.#errors);
    } finally {
      client.off('error', onError);
      // `true` makes the pool close this connection instead of handing it out again.
      client.release(broken);
    }
  }

  async warm(connections = this.pool.options.max): Promise<void> {
    const count = Math.max(0, Math.min(connections, this.pool.options.max));
    const opened = await Promise.allSettled(Array.from({ length: count }, () => this.pool.connect()));
    for (const result of opened) if (result.status === 'fulfilled') result.value.release();
    const failed = opened.find((result) => result.status === 'rejected');
    if (failed) throw toUnavailable(failed.reason, this.#errors);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.pool.end();
    this.pool.off('error', this.#onIdleError);
  }

  #session(client: PoolClient): Session {
    return {
      query: <Row>(text: string, params?: readonly unknown[]): Promise<TaggedResult<Row>> =>
        traced(text, async () => {
          try {
            const result = await client.query<QueryResultRow & Row>(this.#config(text, params));
            return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length, command: result.command };
          } catch (error) {
            throw toUnavailable(error, this.#errors);
          }
        }),
      exec: async (script: string) => {
        await client.query(this.#config(script)).catch((error: unknown) => {
          throw toUnavailable(error, this.#errors);
        });
      },
    };
  }

  async #connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw toUnavailable(error, this.#errors);
    }
  }

  /**
   * Without values `pg` uses the simple protocol, which also runs multi-statement scripts.
   * `query_timeout` (client side) is read by `pg` per query but missing from its type definitions.
   */
  #config(text: string, params?: readonly unknown[]): pg.QueryConfig {
    const config: pg.QueryConfig & { query_timeout: number } = { text, query_timeout: this.#clientTimeoutMs };
    if (params !== undefined) config.values = [...params];
    return config;
  }

  readonly #onIdleError = (error: Error): void => {
    this.#logger.warn('An idle database connection failed; the pool will open a new one when needed', {
      error: error.message,
    });
  };
}
export { createPgNotifications, type PgNotificationsOptions } from './pg-notifications.js';
