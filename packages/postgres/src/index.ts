export type { SqlClient, QueryResult } from './sql-client.js';
export { createPgClient, type PgClient, type PgClientOptions } from './drivers/pg.js';
export { createPgliteClient, type PgliteClient, type PgliteClientOptions } from './drivers/pglite.js';
export { migrate, MigrationError, type MigrateOptions } from './migrate.js';
export { PostgresStore } from './postgres-store.js';
export type { FeedbackRecord, FeedbackFilter } from './feedback.js';
export { StoredDataError } from './rows.js';
export { TransactionRolledBackError } from './transaction.js';
