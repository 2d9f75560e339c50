/** What one statement returned. `rowCount` is the rows returned or changed (0 when none). */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * The only thing `PostgresStore` and `migrate` need from a database: parameterized statements,
 * scripts and transactions. Drivers wrap `pg` (`createPgClient`) and PGlite (`createPgliteClient`).
 *
 * `Row` describes what the caller expects back; declare JSON columns as `unknown` and validate them.
 */
export interface SqlClient {
  /** One statement with `$1…` parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** A script of one or more statements without parameters (a migration file). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws.
   * Use only the `tx` it receives; calling the outer client from inside can wait forever for a
   * connection the transaction holds. A transaction inside `tx` becomes a savepoint.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Releases the connections (or the embedded database) the client opened. */
  close(): Promise<void>;
}
