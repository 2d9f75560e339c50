import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceUnavailableError } from '@chatwire/server';
import type { SqlClient } from './sql-client.js';

/** `../migrations/` from both `src/` (tests) and `dist/` (the published package). */
const BUNDLED_MIGRATIONS = new URL('../migrations/', import.meta.url);

/** Where the package's own migration files are (what `migrate` applies by default). */
export function migrationsDirectory(): string {
  return fileURLToPath(BUNDLED_MIGRATIONS);
}

/** `001_initial.sql`: applied in name order, so the number prefix orders them. */
const MIGRATION_FILE = /^\d+_[\w-]+\.sql$/;

/** The advisory lock every Chatwire process takes while migrating (two int4 keys: "cwir", 1). */
const LOCK_KEYS = [0x63776972, 1] as const;

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS chatwire_migrations (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface MigrateOptions {
  /** Where the `.sql` files are; defaults to the package's own `migrations/`. */
  directory?: string | URL;
}

/** A migration file failed; nothing of it was applied. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema up to date and returns the names of the files it applied (empty when there
 * was nothing to do). Each file runs once, in its own transaction, recorded in
 * `chatwire_migrations`; an advisory lock makes processes that start together take turns, so the
 * second finds the work done. Tables are created in the first schema of the `search_path`.
 */
export async function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<string[]> {
  const directory = toPath(options.directory ?? BUNDLED_MIGRATIONS);
  const names = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  // The common case, every start after the first: two reads, no lock, no transaction.
  if (await allApplied(client, names)) return [];
  const applied: string[] = [];
  for (const name of names) {
    const script = await readFile(join(directory, name), 'utf8');
    try {
      if (await applyOnce(client, name, script)) applied.push(name);
    } catch (error) {
      // An unreachable database stays a 503, so a readiness check can say so and retry.
      if (error instanceof ServiceUnavailableError) throw error;
      throw new MigrationError(name, error);
    }
  }
  return applied;
}

async function allApplied(client: SqlClient, names: readonly string[]): Promise<boolean> {
  const { rows } = await client.query<{ present: unknown }>("SELECT to_regclass('chatwire_migrations') IS NOT NULL AS present");
  if (rows[0]?.present !== true) return false;
  const ledger = await client.query<{ name: unknown }>('SELECT name FROM chatwire_migrations');
  const done = new Set(ledger.rows.map((row) => row.name));
  return names.every((name) => done.has(name));
}

async function applyOnce(client: SqlClient, name: string, script: string): Promise<boolean> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', LOCK_KEYS);
    await tx.exec(CREATE_LEDGER);
    const done = await tx.query('SELECT 1 FROM chatwire_migrations WHERE name = $1', [name]);
    if (done.rowCount > 0) return false;
    await tx.exec(script);
    await tx.query('INSERT INTO chatwire_migrations (name) VALUES ($1)', [name]);
    return true;
  });
}

function toPath(directory: string | URL): string {
  return typeof directory === 'string' ? directory : fileURLToPath(directory);
}
