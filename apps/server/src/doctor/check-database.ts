import { access, constants, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { migrationsDirectory } from '@chatwire/postgres';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import { liveHolder } from '../database/directory-lock.js';
import { pgliteDirectory } from '../database/open-database.js';
import { TEMPLATE_FILE } from '../database/pglite-template.js';
import { CHECK_TIMEOUT_MS, describeNetworkError, fail, ok, warn, type CheckResult } from './check-result.js';

const NAME = 'database';

/** `DATABASE_URL`: connect, ask the version, count migrations not yet applied. Else the embedded database's directory. */
export function checkDatabase(config: AppConfig): Promise<CheckResult> {
  return config.databaseUrl === undefined ? checkEmbedded(config.dataDir) : checkServer(config.databaseUrl);
}

async function checkServer(connectionString: string): Promise<CheckResult> {
  const url = new URL(connectionString);
  const host = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
  const user = decodeURIComponent(url.username) || 'the default user';
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const pending = await pendingMigrations(client);
    const where = `Postgres ${version.rows[0]?.server_version ?? '?'} at ${host}/${database}`;
    return ok(
      NAME,
      pending === 0 ? `${where}, schema up to date` : `${where}, ${pending} migration(s) to apply at the next start`,
    );
  } catch (error) {
    return serverFailure(error, { host, database, user });
  } finally {
    await client.end().catch(() => {});
  }
}

async function pendingMigrations(client: pg.Client): Promise<number> {
  const files = (await readdir(migrationsDirectory())).filter((name) => /^\d+_[\w-]+\.sql$/.test(name));
  const present = await client.query<{ present: boolean }>("SELECT to_regclass('chatwire_migrations') IS NOT NULL AS present");
  if (!present.rows[0]?.present) return files.length;
  const applied = await client.query<{ name: string }>('SELECT name FROM chatwire_migrations');
  const done = new Set(applied.rows.map((row) => row.name));
  return files.filter((name) => !done.has(name)).length;
}

function serverFailure(error: unknown, where: { host: string; database: string; user: string }): CheckResult {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const change = 'in DATABASE_URL (postgres://user:password@host:5432/database)';
  switch (code) {
    case '28P01':
      return fail(
        NAME,
        `password authentication failed for ${where.user} at ${where.host}.`,
        `correct the user name or password ${change}.`,
      );
    case '28000':
      return fail(
        NAME,
        `${where.host} refuses ${where.user} (no pg_hba.conf entry allows it).`,
        `allow this client in the server's pg_hba.conf, or connect as another user ${change}.`,
      );
    case '3D000':
      return fail(
        NAME,
        `database "${where.database}" does not exist at ${where.host}.`,
        `create it (createdb ${where.database}) or correct the database name ${change}.`,
      );
    case '57P03':
      return fail(NAME, `${where.host} is starting up or shutting down.`, 'wait for the server, then check again.');
    case '42501':
      return fail(
        NAME,
        `${where.user} may not create tables at ${where.host}/${where.database}.`,
        `GRANT CREATE ON SCHEMA public TO ${where.user}, or connect as its owner.`,
      );
    default:
      if (code.length === 5 && /^[0-9A-Z]+$/.test(code)) {
        return fail(
          NAME,
          `${where.host} answered with error ${code}: ${error instanceof Error ? error.message : ''}`.trim(),
          `check DATABASE_URL.`,
        );
      }
      return fail(
        NAME,
        `${describeNetworkError(error, where.host)}.`,
        `start Postgres there, or correct the host and port ${change}.`,
      );
  }
}

async function checkEmbedded(dataDir: string): Promise<CheckResult> {
  const directory = pgliteDirectory(dataDir);
  try {
    // Checked without creating anything: the directory, or the nearest parent the app would create it in.
    await access(await nearestExisting(dataDir), constants.W_OK);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
    return fail(
      NAME,
      `${dataDir} cannot be created or written (${code}).`,
      `make it writable for this user, or set CHATWIRE_DATA_DIR to a directory that is.`,
    );
  }
  const exists = await access(join(directory, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const entries = await readdir(directory).catch(() => []);
    if (entries.length > 0) {
      return fail(
        NAME,
        `${directory} holds files but no database.`,
        'move them away, or set CHATWIRE_DATA_DIR to another directory.',
      );
    }
    const template = await access(TEMPLATE_FILE).then(
      () => true,
      () => false,
    );
    return template
      ? ok(NAME, `PGlite in ${directory}: made at the first start from the build's ready-made database.`)
      : warn(
          NAME,
          `PGlite in ${directory}: made at the first start, slowly (the build's ready-made database is missing).`,
          'run npm run build.',
        );
  }
  const holder = await liveHolder(`${directory}.pid`);
  return ok(
    NAME,
    holder === undefined ? `PGlite in ${directory}.` : `PGlite in ${directory}, open in the running app (pid ${holder}).`,
  );
}

async function nearestExisting(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    const found = await access(current).then(
      () => true,
      () => false,
    );
    if (found || dirname(current) === current) return current;
  }
}
