import { randomUUID } from 'node:crypto';
import { runEventBusConformance } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, createPgNotifications, type PgClient } from './drivers/pg.js';
import { createPgliteClient, pgliteNotifications, type PgliteClient } from './drivers/pglite.js';
import { migrate } from './migrate.js';
import { PostgresEventBus } from './postgres-event-bus.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL;

describe('PostgresEventBus on PGlite (one process, as the app runs by default)', () => {
  let db: PgliteClient;
  beforeAll(async () => {
    db = await createPgliteClient();
    await migrate(db);
  }, 120_000);
  afterAll(async () => db?.close());

  runEventBusConformance('PostgresEventBus on PGlite', () => {
    const a = new PostgresEventBus(db, pgliteNotifications(db.pglite));
    const b = new PostgresEventBus(db, pgliteNotifications(db.pglite));
    return { a, b, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
  });

  it("an ended run's log is cleared once it is a minute old", async () => {
    const bus = new PostgresEventBus(db, pgliteNotifications(db.pglite));
    const runId = `run_${randomUUID()}`;
    await bus.start({ threadId: `thr_${randomUUID()}`, runId, owner: 'o' }, 1000);
    await bus.append(runId, 0, [{ type: 'progress_update', text: 'e0' }]);
    await bus.finish(runId, 'completed');
    await db.query(`UPDATE chatwire_runs SET finished_at = now() - interval '2 minutes' WHERE run_id = $1`, [runId]);
    await bus.finish(`run_${randomUUID()}`, 'completed');
    expect((await db.query('SELECT count(*)::int AS n FROM chatwire_run_events WHERE run_id = $1', [runId])).rows).toEqual([
      { n: 0 },
    ]);
    await bus.close();
  });
});

describe.skipIf(!DATABASE_URL)('PostgresEventBus on a Postgres server (TEST_DATABASE_URL), two instances', () => {
  const database = `chatwire_bus_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let admin: PgClient;
  let url: string;
  const opened: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    admin = createPgClient({ connectionString: DATABASE_URL!, max: 1 });
    await admin.query(`CREATE DATABASE ${database}`);
    const parsed = new URL(DATABASE_URL!);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
    const setup = createPgClient({ connectionString: url, max: 1 });
    await migrate(setup);
    await setup.close();
  }, 60_000);
  afterAll(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.close();
  });

  /** One app instance's bus: its own pool and its own LISTEN connection. */
  function instance(): PostgresEventBus {
    const sql = createPgClient({ connectionString: url, max: 3 });
    const notifications = createPgNotifications({ connectionString: url });
    const bus = new PostgresEventBus(sql, notifications);
    opened.push({
      close: async () => {
        await bus.close();
        await notifications.close();
        await sql.close();
      },
    });
    return bus;
  }

  runEventBusConformance('PostgresEventBus on Postgres', () => ({ a: instance(), b: instance() }));
});
