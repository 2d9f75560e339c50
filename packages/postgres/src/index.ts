export type { SqlClient, QueryResult } from './sql-client.js';
export { migrate, migrationsDirectory, MigrationError, type MigrateOptions } from './migrate.js';
export { PostgresStore } from './postgres-store.js';
export type { FeedbackRecord, FeedbackFilter } from './feedback.js';
export { StoredDataError } from './rows.js';
export { TransactionRolledBackError } from './transaction.js';
export { usageByUser, type UsageRecord, type DailyUsage, type UserUsage } from './usage.js';
export { PostgresEventBus } from './postgres-event-bus.js';
export type { Notifications } from './notifications.js';
