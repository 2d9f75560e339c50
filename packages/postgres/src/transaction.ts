import type { QueryResult, SqlClient } from './sql-client.js';

/** A statement's result plus its command tag (`COMMIT` answers `ROLLBACK` when the transaction had failed). */
export interface TaggedResult<Row> extends QueryResult<Row> {
  command: string | undefined;
}

/** One database session, as a driver hands it to `runTransaction`. */
export interface Session {
  query<Row>(text: string, params?: readonly unknown[]): Promise<TaggedResult<Row>>;
  exec(script: string): Promise<void>;
}

/** `COMMIT` found the transaction already failed (a statement inside it errored and was caught), so nothing was saved. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('The transaction was rolled back because a statement inside it failed');
    this.name = 'TransactionRolledBackError';
  }
}

/**
 * BEGIN, run `fn`, COMMIT; ROLLBACK when anything throws. When even ROLLBACK fails the session is
 * unusable, and `onBroken` tells the driver not to reuse it.
 */
export async function runTransaction<T>(
  session: Session,
  fn: (tx: SqlClient) => Promise<T>,
  onBroken: (error: unknown) => void = () => {},
): Promise<T> {
  await session.exec('BEGIN');
  const tx = new TransactionClient(session);
  try {
    const result = await fn(tx);
    const { command } = await session.query('COMMIT');
    if (command === 'ROLLBACK') throw new TransactionRolledBackError();
    return result;
  } catch (error) {
    // After a failed or refused COMMIT there is no transaction left; ROLLBACK then only warns.
    await session.exec('ROLLBACK').catch(onBroken);
    throw error;
  } finally {
    tx.finish();
  }
}

/** The `tx` handed to a transaction callback. It refuses work once its transaction has ended. */
class TransactionClient implements SqlClient {
  #open = true;
  #savepoints = 0;

  constructor(private readonly session: Session) {}

  async query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.#assertOpen();
    const { rows, rowCount } = await this.session.query<Row>(text, params);
    return { rows, rowCount };
  }

  async exec(script: string): Promise<void> {
    this.#assertOpen();
    await this.session.exec(script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    this.#assertOpen();
    const savepoint = `chatwire_savepoint_${++this.#savepoints}`;
    await this.session.exec(`SAVEPOINT ${savepoint}`);
    try {
      const result = await fn(this);
      await this.session.exec(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      // If this fails too, the outer transaction's ROLLBACK deals with the session.
      await this.session.exec(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {
    throw new Error('Close the client, not a transaction: the transaction ends when its callback returns');
  }

  finish(): void {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new Error('This transaction has already ended; use the client for new statements');
  }
}
