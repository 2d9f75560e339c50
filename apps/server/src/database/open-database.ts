import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrate, type Notifications, type SqlClient } from '@chatwire/postgres';
import { ServiceUnavailableError, type Logger } from '@chatwire/server';
import { claimLockFile } from './directory-lock.js';
import { preparePgliteDirectory } from './pglite-directory.js';

/** Where the app's database is: a Postgres server, or PGlite in the data directory. */
export interface DatabaseSettings {
  /** `CHATWIRE_DATA_DIR`; the embedded database lives in its `pglite/` folder. */
  dataDir: string;
  /** `DATABASE_URL`; when set, that server is used and the data directory holds no database. */
  databaseUrl?: string | undefined;
}

/** An open, migrated database. */
export interface OpenDatabase {
  readonly client: SqlClient;
  /** `LISTEN`/`NOTIFY` on the same database, for the event bus; absent: the app's bus stays in process. */
  readonly notifications?: Notifications;
  close(): Promise<void>;
}

/** Opens the database; `signal` aborts when the app shuts down before it is open. */
export type DatabaseOpener = (signal: AbortSignal) => Promise<OpenDatabase>;

/** Connections a Postgres pool opens before the app reports ready, so the first requests do not wait for them. */
const WARM_CONNECTIONS = 3;

/** Waits between attempts to reach a Postgres server that is not answering yet; the last repeats. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000];

/** The embedded database's directory. */
export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** For the startup line: which database, never a password. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (settings.databaseUrl === undefined) return `PGlite in ${pgliteDirectory(settings.dataDir)}`;
  const url = new URL(settings.databaseUrl);
  return `Postgres at ${url.host || 'the default host'}${url.pathname === '/' ? '' : url.pathname}`;
}

/**
 * Opens the app's database and brings its schema up to date. A Postgres server that is not
 * reachable yet (`ServiceUnavailableError`) is retried until it is, or until `signal` aborts;
 * anything else (bad credentials, a failing migration, a data directory in use) is thrown.
 */
export async function openDatabase(
  settings: DatabaseSettings,
  options: { logger: Logger; signal: AbortSignal },
): Promise<OpenDatabase> {
  return settings.databaseUrl === undefined
    ? openEmbedded(pgliteDirectory(settings.dataDir))
    : openServer(settings.databaseUrl, options.logger, options.signal);
}

async function openEmbedded(directory: string): Promise<OpenDatabase> {
  await mkdir(dirname(directory), { recursive: true });
  // Two processes on one PGlite directory would corrupt it; the second is refused instead.
  const unlock = await claimLockFile(`${directory}.pid`);
  try {
    await preparePgliteDirectory(directory);
    // Loaded only when used: an app on a server never loads PGlite, nor one on PGlite the `pg` driver.
    const { createPgliteClient, pgliteNotifications } = await import('@chatwire/postgres/pglite');
    const client = await createPgliteClient({ dataDir: directory });
    await migrate(client).catch(async (error: unknown) => {
      await client.close();
      throw error;
    });
    const notifications = pgliteNotifications(client.pglite);
    return {
      client,
      notifications,
      async close() {
        await notifications.close();
        await client.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openServer(connectionString: string, logger: Logger, signal: AbortSignal): Promise<OpenDatabase> {
  const { createPgClient, createPgNotifications } = await import('@chatwire/postgres/pg');
  const client = createPgClient({ connectionString, logger });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await migrate(client);
        await client.warm(WARM_CONNECTIONS);
        // Connects on first use: a LISTEN connection of its own, beside the pool.
        const notifications = createPgNotifications({ connectionString, logger });
        return {
          client,
          notifications,
          async close() {
            await notifications.close();
            await client.close();
          },
        };
      } catch (error) {
        if (!(error instanceof ServiceUnavailableError)) throw error;
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
        // The log is the operator's: the driver's own message (host, port) is wanted there.
        const cause = error.cause instanceof Error ? error.cause.message : undefined;
        logger.warn('The database is not reachable yet; retrying', { detail: error.message, cause, retryInMs: delay });
        await sleep(delay, undefined, { signal });
      }
    }
  } catch (error) {
    await client.close();
    throw error;
  }
}
