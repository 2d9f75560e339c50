import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssistantMessageItem, ThreadMetadata } from '@chatwire/protocol';
import { NotFoundError } from '@chatwire/server';
import { runStoreConformance } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, type PgClient } from './drivers/pg.js';
import { createPgliteClient } from './drivers/pglite.js';
import { migrate, MigrationError } from './migrate.js';
import { PostgresStore } from './postgres-store.js';
import { StoredDataError } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { TransactionRolledBackError } from './transaction.js';
import { usageByUser } from './usage.js';

type Context = { userId: string };

const DATABASE_URL = process.env.TEST_DATABASE_URL;
const unique = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const user = (): Context => ({ userId: unique('user') });

function makeThread(overrides: Partial<ThreadMetadata> = {}): ThreadMetadata {
  return { id: unique('thr'), created_at: '2030-01-01T00:00:00.000Z', status: { type: 'active' }, metadata: {}, ...overrides };
}

function reply(threadId: string, text: string, overrides: Partial<AssistantMessageItem> = {}): AssistantMessageItem {
  return {
    id: unique('msg'),
    thread_id: threadId,
    created_at: '2030-01-01T00:00:01.000Z',
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
    ...overrides,
  };
}

/** A unique schema on the real server, and clients whose `search_path` points into it. */
async function scratchSchema(url: string) {
  const admin = createPgClient({ connectionString: url, max: 2 });
  const schema = unique('chatwire_test');
  await admin.query(`CREATE SCHEMA ${schema}`);
  const clients: PgClient[] = [];
  return {
    connect(): PgClient {
      const client = createPgClient({ connectionString: url, poolConfig: { options: `-c search_path=${schema}` } });
      clients.push(client);
      return client;
    },
    async drop(): Promise<void> {
      await Promise.all(clients.map((client) => client.close()));
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** Everything below runs on one migrated database shared by the whole group: ids are unique per test. */
function describeOn(name: string, open: () => Promise<{ client: SqlClient; dispose(): Promise<void> }>): void {
  describe(name, () => {
    let opened: { client: SqlClient; dispose(): Promise<void> } | undefined;
    beforeAll(async () => {
      opened = await open();
      await migrate(opened.client);
    }, 120_000);
    afterAll(async () => opened?.dispose());

    const db = (): SqlClient => {
      if (!opened) throw new Error('the database is not open');
      return opened.client;
    };
    const store = () => new PostgresStore<Context>(db());

    runStoreConformance(`PostgresStore on ${name}`, () => ({ store: store(), contextFor: (userId) => ({ userId }) }));

    describe('PostgresStore', () => {
      it('a repeated addThreadItem leaves one stored row, in its first place, with the latest content', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        const first = reply(thread.id, 'first', { created_at: '2030-01-01T00:00:01.000Z' });
        const second = reply(thread.id, 'second', { created_at: '2030-01-01T00:00:02.000Z' });
        await s.addThreadItem(thread.id, first, alice);
        await s.addThreadItem(thread.id, second, alice);
        const again = { ...first, content: [{ type: 'output_text' as const, text: 'first, again', annotations: [] }] };
        await s.addThreadItem(thread.id, again, alice);
        await s.addThreadItem(thread.id, again, alice);

        const { rows } = await db().query('SELECT 1 FROM chatwire_items WHERE user_id = $1 AND id = $2', [
          alice.userId,
          first.id,
        ]);
        expect(rows).toHaveLength(1);
        expect((await s.loadThreadItems(thread.id, undefined, 10, 'asc', alice)).data).toEqual([again, second]);
      });

      it('created_at strings come back exactly as given, while ordering follows the instant', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread({ created_at: '2030-01-01T02:00:00+02:00' });
        await s.saveThread(thread, alice);
        const later = reply(thread.id, 'later', { created_at: '2030-01-01T00:00:00Z' });
        const earlier = reply(thread.id, 'earlier', { created_at: '2030-01-01T01:30:00+02:00' });
        await s.addThreadItem(thread.id, later, alice);
        await s.addThreadItem(thread.id, earlier, alice);
        expect((await s.loadThread(thread.id, alice)).created_at).toBe('2030-01-01T02:00:00+02:00');
        const { data } = await s.loadThreadItems(thread.id, undefined, 10, 'asc', alice);
        expect(data.map((item) => item.created_at)).toEqual(['2030-01-01T01:30:00+02:00', '2030-01-01T00:00:00Z']);
      });

      it('text jsonb cannot hold (NUL, lone surrogates) is saved as U+FFFD instead of losing the reply', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        const item = reply(thread.id, 'a\u0000b \ud800 and the literal text C:\\u0000 stays');
        await s.addThreadItem(thread.id, item, alice);
        const loaded = await s.loadItem(thread.id, item.id, alice);
        expect(loaded.type === 'assistant_message' && loaded.content[0]?.text).toBe(
          'a\ufffdb \ufffd and the literal text C:\\u0000 stays',
        );
      });

      it('a stored row that no longer matches the protocol schema fails loudly instead of being returned', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        await db().query(`UPDATE chatwire_threads SET data = '{"id": 42}'::jsonb WHERE user_id = $1 AND id = $2`, [
          alice.userId,
          thread.id,
        ]);
        await expect(s.loadThread(thread.id, alice)).rejects.toBeInstanceOf(StoredDataError);
      });

      it('a pending tool approval is taken once, by its owner only, and goes with its thread', async () => {
        const [alice, bob, s] = [user(), user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        const approval = (id: string, createdAt: string) => ({
          id,
          threadId: thread.id,
          calls: [{ name: 'notes_add_note', arguments: '{"text":"milk"}' }],
          state: '{"paused":true}',
          createdAt,
        });
        await s.savePendingApproval(approval('card_1', '2030-01-01T00:00:01.000Z'), alice);
        await expect(s.savePendingApproval(approval('card_x', '2030-01-01T00:00:01.000Z'), bob)).rejects.toBeInstanceOf(
          NotFoundError,
        );
        expect(await s.takePendingApproval(thread.id, 'card_1', bob)).toBeNull();
        expect(await s.takePendingApproval(thread.id, 'card_1', alice)).toEqual(approval('card_1', '2030-01-01T00:00:01.000Z'));
        expect(await s.takePendingApproval(thread.id, 'card_1', alice)).toBeNull();

        await s.savePendingApproval(approval('card_3', '2030-01-01T00:00:03.000Z'), alice);
        await s.savePendingApproval(approval('card_2', '2030-01-01T00:00:02.000Z'), alice);
        expect(await s.takeThreadApprovals(thread.id, bob)).toEqual([]);
        expect((await s.takeThreadApprovals(thread.id, alice)).map((taken) => taken.id)).toEqual(['card_2', 'card_3']);

        await s.savePendingApproval(approval('card_4', '2030-01-01T00:00:04.000Z'), alice);
        await s.deleteThread(thread.id, alice);
        const { rows } = await db().query('SELECT 1 FROM chatwire_tool_approvals WHERE user_id = $1', [alice.userId]);
        expect(rows).toHaveLength(0);
      });

      it('usage is recorded per reply, summed since a moment and per UTC day, for its user only', async () => {
        const [alice, bob, s] = [user(), user(), store()];
        const before = new Date(Date.now() - 1000);
        await s.recordUsage({ threadId: 'thr_a', model: 'm', requests: 2, inputTokens: 100, outputTokens: 20 }, alice);
        await s.recordUsage(
          { threadId: 'thr_b', model: 'm', requests: 1, inputTokens: 7, outputTokens: 3, estimated: true },
          alice,
        );
        await s.recordUsage({ threadId: 'thr_c', model: 'm', requests: 1, inputTokens: 5000, outputTokens: 5000 }, bob);
        expect(await s.tokensUsedSince(before, alice)).toBe(130);
        expect(await s.tokensUsedSince(new Date(Date.now() + 60_000), alice)).toBe(0);
        const today = new Date().toISOString().slice(0, 10);
        expect(await s.dailyUsage(before, alice)).toEqual([
          { day: today, requests: 3, input_tokens: 107, output_tokens: 23, total_tokens: 130, estimated: true },
        ]);
        const everyone = await usageByUser(db(), before, 1000);
        expect(everyone.filter((row) => row.user_id === alice.userId || row.user_id === bob.userId)).toEqual([
          { user_id: bob.userId, requests: 1, input_tokens: 5000, output_tokens: 5000, total_tokens: 10000 },
          { user_id: alice.userId, requests: 3, input_tokens: 107, output_tokens: 23, total_tokens: 130 },
        ]);
      });

      it('feedback is stored per item and listed to its user only, oldest first', async () => {
        const [alice, bob, s] = [user(), user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        await s.recordFeedback(thread.id, ['msg_1', 'msg_2'], 'positive', alice);
        await s.recordFeedback(thread.id, ['msg_1'], 'negative', alice);

        const listed = await s.listFeedback({}, alice);
        expect(listed.map(({ thread_id, item_id, kind }) => ({ thread_id, item_id, kind }))).toEqual([
          { thread_id: thread.id, item_id: 'msg_1', kind: 'positive' },
          { thread_id: thread.id, item_id: 'msg_2', kind: 'positive' },
          { thread_id: thread.id, item_id: 'msg_1', kind: 'negative' },
        ]);
        expect(listed.every((record) => new Date(record.created_at).toISOString() === record.created_at)).toBe(true);
        expect(await s.listFeedback({}, bob)).toEqual([]);
        expect(await s.listFeedback({ after: listed[0]!.id, limit: 1 }, alice)).toEqual([listed[1]]);
        expect(await s.listFeedback({ threadId: unique('thr') }, alice)).toEqual([]);
      });

      it("feedback on a missing or another user's thread throws NotFoundError and stores nothing", async () => {
        const [alice, bob, s] = [user(), user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        await expect(s.recordFeedback(thread.id, ['msg_1'], 'positive', bob)).rejects.toBeInstanceOf(NotFoundError);
        await expect(s.recordFeedback(unique('thr'), ['msg_1'], 'negative', bob)).rejects.toBeInstanceOf(NotFoundError);
        expect(await s.listFeedback({}, bob)).toEqual([]);
        expect(await s.listFeedback({}, alice)).toEqual([]);
      });

      it('deleting a thread deletes its feedback', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        await s.recordFeedback(thread.id, ['msg_1'], 'positive', alice);
        await s.deleteThread(thread.id, alice);
        expect(await s.listFeedback({}, alice)).toEqual([]);
      });

      it('migrating again applies nothing and keeps the data', async () => {
        const [alice, s] = [user(), store()];
        const thread = makeThread();
        await s.saveThread(thread, alice);
        expect(await migrate(db())).toEqual([]);
        expect(await s.loadThread(thread.id, alice)).toEqual(thread);
      });

      it('a failing migration file applies none of its statements, and the files before it stay applied', async () => {
        const directory = await mkdtemp(join(tmpdir(), 'chatwire-migrations-'));
        const [good, bad] = [unique('good'), unique('bad')];
        try {
          await writeFile(join(directory, `001_${good}.sql`), `CREATE TABLE ${good} (v text);`);
          await writeFile(join(directory, `002_${bad}.sql`), `CREATE TABLE ${bad} (v text);\nSELECT * FROM no_such_table;`);
          const failure = await migrate(db(), { directory }).catch((error: unknown) => error);
          expect(failure).toBeInstanceOf(MigrationError);
          expect(failure).toMatchObject({ migration: `002_${bad}.sql` });
          const tables = await db().query('SELECT to_regclass($1)::text AS good, to_regclass($2)::text AS bad', [good, bad]);
          expect(tables.rows).toEqual([{ good, bad: null }]);
          // Run again: the first file is not repeated (its CREATE TABLE would fail), the broken one fails again.
          await expect(migrate(db(), { directory })).rejects.toMatchObject({ migration: `002_${bad}.sql` });
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      });
    });

    describe('transactions', () => {
      async function scratchTable(): Promise<string> {
        const table = unique('scratch');
        await db().query(`CREATE TABLE ${table} (v text)`);
        return table;
      }
      const values = async (table: string) =>
        (await db().query<{ v: string }>(`SELECT v FROM ${table} ORDER BY v`)).rows.map((row) => row.v);

      it("another caller's statement never lands inside an open transaction and is never rolled back with it", async () => {
        const table = await scratchTable();
        let opened!: () => void;
        let finish!: () => void;
        const insideOpen = new Promise<void>((resolve) => (opened = resolve));
        const finishing = new Promise<void>((resolve) => (finish = resolve));
        const failing = db().transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} VALUES ('inside')`);
          opened();
          await finishing;
          throw new Error('rolled back on purpose');
        });
        await insideOpen;
        const outside = db().query(`INSERT INTO ${table} VALUES ('outside')`);
        // Give the outside statement every chance to reach the database while the transaction is open.
        await new Promise((resolve) => setTimeout(resolve, 50));
        finish();
        await expect(failing).rejects.toThrow('rolled back on purpose');
        await outside;
        expect(await values(table)).toEqual(['outside']);
      });

      it('a transaction whose failed statement was caught reports the rollback instead of pretending to commit', async () => {
        const table = await scratchTable();
        const attempt = db().transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} VALUES ('lost')`);
          await tx.query('SELECT * FROM no_such_table').catch(() => undefined);
          return 'done';
        });
        await expect(attempt).rejects.toBeInstanceOf(TransactionRolledBackError);
        expect(await values(table)).toEqual([]);
      });

      it('a nested transaction rolls back alone, and the outer one commits', async () => {
        const table = await scratchTable();
        await db().transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} VALUES ('outer')`);
          await tx
            .transaction(async (inner) => {
              await inner.query(`INSERT INTO ${table} VALUES ('inner')`);
              throw new Error('inner fails');
            })
            .catch(() => undefined);
        });
        expect(await values(table)).toEqual(['outer']);
      });

      it('the transaction handle refuses statements once its transaction has ended', async () => {
        let handle: SqlClient | undefined;
        await db().transaction(async (tx) => {
          handle = tx;
        });
        await expect(handle!.query('SELECT 1')).rejects.toThrow(/already ended/);
      });
    });
  });
}

describeOn('PGlite', async () => {
  const client = await createPgliteClient();
  return { client, dispose: () => client.close() };
});

describe.skipIf(!DATABASE_URL)('real Postgres (TEST_DATABASE_URL)', () => {
  const url = DATABASE_URL ?? '';

  describeOn('Postgres', async () => {
    const schema = await scratchSchema(url);
    return { client: schema.connect(), dispose: () => schema.drop() };
  });

  it('two processes migrating at once both succeed, and each file is applied once', async () => {
    const schema = await scratchSchema(url);
    try {
      const [first, second] = [schema.connect(), schema.connect()];
      const applied = await Promise.all([migrate(first), migrate(second)]);
      const files = (await readdir(new URL('../migrations/', import.meta.url))).filter((name) => name.endsWith('.sql')).sort();
      expect(files.length).toBeGreaterThan(1);
      expect(applied.flat().sort()).toEqual(files);
      const ledger = await first.query('SELECT name FROM chatwire_migrations ORDER BY name');
      expect(ledger.rows).toEqual(files.map((name) => ({ name })));
    } finally {
      await schema.drop();
    }
  });
});
