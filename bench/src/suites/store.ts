import { randomUUID } from 'node:crypto';
import type { ThreadMetadata, UserMessageItem } from '@chatwire/protocol';
import { migrate, PostgresStore, type QueryResult, type SqlClient } from '@chatwire/postgres';
import { createPgClient } from '@chatwire/postgres/pg';
import { createPgliteClient } from '@chatwire/postgres/pglite';
import { ChatKitServer, silentLogger, type ResponseRun } from '@chatwire/server';
import { makeRow, median, withLimit, type BenchOptions, type BenchRow } from '../report.js';
import { streamReply, type BenchContext } from './reply.js';

/**
 * `PostgresStore` on real Postgres and on PGlite: reading a page of 20 (`loadThreadItems` on a
 * thread of 100,000 items, `loadThreads` for a user with 10,000 threads), median and p99 per call
 * at the store; and the database writes one assistant reply of 1,000 deltas costs through the
 * real server pipeline (`ChatKitServer.handle`), counted at the store and at the SQL client.
 *
 * Sizes follow `--deltas`: 10 items and 1 thread per delta, at most 100,000 and 10,000 (the
 * default 10,000 deltas gives the sizes). Real Postgres is TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test when it answers; the suite works in a schema of its
 * own, dropped at the end.
 */

const SUITE = 'store';
const PAGE_SIZE = 20;
/** Store calls timed one by one in each run; a run's figure is their median (or p99). */
const CALLS_PER_RUN = 200;
/** The budget for a page read at the store on real Postgres. */
const READ_LIMIT_MS = 5;
/** The budget for database writes per assistant reply. */
const WRITE_LIMIT = 2;
const REPLY_DELTAS = 1_000;
/** Rows per seeding statement. */
const SEED_BATCH = 10_000;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

const ITEMS_USER: BenchContext = { userId: 'bench_items_user' };
const THREADS_USER: BenchContext = { userId: 'bench_threads_user' };
const BIG_THREAD = 'thr_bench_big';

export async function storeBench(options: BenchOptions): Promise<BenchRow[]> {
  const sizes = { items: Math.min(100_000, options.deltas * 10), threads: Math.min(10_000, options.deltas) };
  const rows: BenchRow[] = [];

  const server = await openRealPostgres();
  if (server) {
    try {
      rows.push(...(await readRows('Postgres', server.client, sizes, options, READ_LIMIT_MS)));
      rows.push(...(await writeRows('Postgres', server.client, options)));
    } finally {
      await server.dispose();
    }
  }

  const pglite = await createPgliteClient();
  try {
    rows.push(...(await readRows('PGlite', pglite, sizes, options)));
    rows.push(...(await writeRows('PGlite', pglite, options)));
  } finally {
    await pglite.close();
  }
  return rows;
}

/** A schema of its own on the real server, or undefined (said loudly) when there is none. */
async function openRealPostgres(): Promise<{ client: SqlClient; dispose(): Promise<void> } | undefined> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  const where = new URL(url).host;
  const admin = createPgClient({ connectionString: url, max: 1, connectTimeoutMs: 2_000, logger: silentLogger });
  try {
    await admin.query('SELECT 1');
  } catch {
    await admin.close();
    console.log(`SKIPPED: no Postgres answers at ${where} (set TEST_DATABASE_URL); the store suite reports PGlite only.`);
    return undefined;
  }
  const schema = `chatwire_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const client = createPgClient({
    connectionString: url,
    max: 4,
    queryTimeoutMs: 300_000,
    logger: silentLogger,
    poolConfig: { options: `-c search_path=${schema}` },
  });
  return {
    client,
    async dispose() {
      await client.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

// Reading pages.

async function readRows(
  label: string,
  client: SqlClient,
  sizes: { items: number; threads: number },
  { runs, warmup }: BenchOptions,
  limitMs?: number,
): Promise<BenchRow[]> {
  await migrate(client);
  await seed(client, sizes);
  const store = new PostgresStore<BenchContext>(client);
  const itemIds = Array.from({ length: sizes.items }, (_, i) => itemId(i + 1));
  const threadIds = Array.from({ length: sizes.threads }, (_, i) => threadId(i + 1));

  const workloads = [
    {
      name: `items.list, page of ${PAGE_SIZE}, thread of ${sizes.items.toLocaleString('en-US')} items`,
      call: async (after: string | undefined, order: 'asc' | 'desc') =>
        (await store.loadThreadItems(BIG_THREAD, after, PAGE_SIZE, order, ITEMS_USER)).data.length,
      ids: itemIds,
    },
    {
      name: `threads.list, page of ${PAGE_SIZE}, user with ${sizes.threads.toLocaleString('en-US')} threads`,
      call: async (after: string | undefined, order: 'asc' | 'desc') =>
        (await store.loadThreads(PAGE_SIZE, after, order, THREADS_USER)).data.length,
      ids: threadIds,
    },
  ];

  const rows: BenchRow[] = [];
  for (const workload of workloads) {
    let turn = 0;
    // Pages from anywhere: the first page or one after a random row, in both orders.
    const timedCall = async () => {
      turn += 1;
      // Away from both ends, so every page is full in either order.
      const after =
        turn % 10 === 0 ? undefined : workload.ids[PAGE_SIZE + Math.floor(Math.random() * (workload.ids.length - 2 * PAGE_SIZE))];
      const order = turn % 2 === 0 ? 'asc' : 'desc';
      const start = performance.now();
      const count = await workload.call(after, order);
      const ms = performance.now() - start;
      if (count !== PAGE_SIZE)
        throw new Error(`${workload.name}: ${count} rows after ${after} (${order}), expected ${PAGE_SIZE}`);
      return ms;
    };
    for (let i = 0; i < warmup; i++) await timedRun(timedCall);
    const medians: number[] = [];
    const p99s: number[] = [];
    for (let r = 0; r < runs; r++) {
      const figures = await timedRun(timedCall);
      medians.push(figures.median);
      p99s.push(figures.p99);
    }
    const medianRow = makeRow({ suite: SUITE, name: `${label}: ${workload.name}, median`, unit: 'ms', samples: medians });
    rows.push(limitMs === undefined ? medianRow : withLimit(medianRow, limitMs));
    rows.push(makeRow({ suite: SUITE, name: `${label}: ${workload.name}, p99`, unit: 'ms', samples: p99s }));
  }
  return rows;
}

async function timedRun(call: () => Promise<number>): Promise<{ median: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < CALLS_PER_RUN; i++) times.push(await call());
  times.sort((a, b) => a - b);
  return { median: median(times), p99: times[Math.ceil(times.length * 0.99) - 1]! };
}

const itemId = (n: number) => `msg_bench_${String(n).padStart(6, '0')}`;
const threadId = (n: number) => `thr_bench_${String(n).padStart(6, '0')}`;
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One thread of `items` replies and `threads` empty threads of another user, with multi-row INSERTs. */
async function seed(client: SqlClient, sizes: { items: number; threads: number }): Promise<void> {
  const start = '2030-01-01T00:00:00.000Z';
  await client.query(
    `INSERT INTO chatwire_threads (user_id, id, created_at, data)
     VALUES ($1, $2, $3::timestamptz, jsonb_build_object('id', $2::text, 'created_at', $4::text, 'status', jsonb_build_object('type', 'active'), 'metadata', '{}'::jsonb))`,
    [ITEMS_USER.userId, BIG_THREAD, start, start],
  );
  for (let from = 1; from <= sizes.items; from += SEED_BATCH) {
    await client.query(
      `INSERT INTO chatwire_items (user_id, thread_id, id, type, created_at, data)
       SELECT $1, $2, id, 'assistant_message', at, jsonb_build_object(
         'type', 'assistant_message', 'id', id, 'thread_id', $2::text, 'created_at', to_char(at AT TIME ZONE 'UTC', ${ISO}),
         'content', jsonb_build_array(jsonb_build_object(
           'type', 'output_text', 'annotations', '[]'::jsonb,
           'text', 'Reply number ' || n || ', about as long as a short paragraph of a real answer would be in a chat.')))
       FROM generate_series($4::int, $5::int) AS n,
         LATERAL (SELECT 'msg_bench_' || lpad(n::text, 6, '0') AS id, $3::timestamptz + n * interval '1 millisecond' AS at) AS row`,
      [ITEMS_USER.userId, BIG_THREAD, start, from, Math.min(sizes.items, from + SEED_BATCH - 1)],
    );
  }
  for (let from = 1; from <= sizes.threads; from += SEED_BATCH) {
    await client.query(
      `INSERT INTO chatwire_threads (user_id, id, created_at, data)
       SELECT $1, id, at, jsonb_build_object(
         'id', id, 'created_at', to_char(at AT TIME ZONE 'UTC', ${ISO}), 'title', 'Thread ' || n,
         'status', jsonb_build_object('type', 'active'), 'metadata', '{}'::jsonb)
       FROM generate_series($3::int, $4::int) AS n,
         LATERAL (SELECT 'thr_bench_' || lpad(n::text, 6, '0') AS id, $2::timestamptz + n * interval '1 second' AS at) AS row`,
      [THREADS_USER.userId, start, from, Math.min(sizes.threads, from + SEED_BATCH - 1)],
    );
  }
  // What autovacuum would have done by the time a table is this big.
  await client.exec('ANALYZE chatwire_threads; ANALYZE chatwire_items');
}

// Counting writes.

const WRITE_STATEMENT = /^\s*(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|CREATE|ALTER|DROP)\b/i;
const WRITING_CTE = /^\s*WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE|MERGE)\b/i;

/** The real client, counting the statements that write (inside transactions too). */
class CountingClient implements SqlClient {
  constructor(
    private readonly inner: SqlClient,
    private readonly counter: { writes: number },
  ) {}

  async query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    if (WRITE_STATEMENT.test(text) || WRITING_CTE.test(text)) this.counter.writes += 1;
    return this.inner.query<Row>(text, params);
  }

  async exec(script: string): Promise<void> {
    // Scripts are migrations; count each statement in them.
    this.counter.writes += script.split(';').filter((part) => WRITE_STATEMENT.test(part) || WRITING_CTE.test(part)).length;
    await this.inner.exec(script);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(new CountingClient(tx, this.counter)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The real store, counting the calls that write. */
class CountingStore extends PostgresStore<BenchContext> {
  writes = 0;
  override async saveThread(...args: Parameters<PostgresStore<BenchContext>['saveThread']>) {
    this.writes += 1;
    return super.saveThread(...args);
  }
  override async deleteThread(...args: Parameters<PostgresStore<BenchContext>['deleteThread']>) {
    this.writes += 1;
    return super.deleteThread(...args);
  }
  override async addThreadItem(...args: Parameters<PostgresStore<BenchContext>['addThreadItem']>) {
    this.writes += 1;
    return super.addThreadItem(...args);
  }
  override async saveItem(...args: Parameters<PostgresStore<BenchContext>['saveItem']>) {
    this.writes += 1;
    return super.saveItem(...args);
  }
  override async deleteThreadItem(...args: Parameters<PostgresStore<BenchContext>['deleteThreadItem']>) {
    this.writes += 1;
    return super.deleteThreadItem(...args);
  }
  override async saveAttachment(...args: Parameters<PostgresStore<BenchContext>['saveAttachment']>) {
    this.writes += 1;
    return super.saveAttachment(...args);
  }
  override async deleteAttachment(...args: Parameters<PostgresStore<BenchContext>['deleteAttachment']>) {
    this.writes += 1;
    return super.deleteAttachment(...args);
  }
}

/** Answers every message with the benchmark reply of `REPLY_DELTAS` text deltas. */
class ReplyServer extends ChatKitServer<BenchContext> {
  respond(thread: ThreadMetadata, _input: UserMessageItem | null, _context: BenchContext, _run: ResponseRun) {
    return streamReply(thread.id, REPLY_DELTAS);
  }
}

const WRITER: BenchContext = { userId: 'bench_writer' };

function post(body: unknown): Request {
  return new Request('http://bench.local/chatkit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const input = (text: string) => ({ content: [{ type: 'input_text', text }], attachments: [], inference_options: {} });

/**
 * One `threads.add_user_message` on a fresh thread per run, its reply 1,000 deltas long: the
 * writes made while the reply streams (after `handle()` has answered), and for the whole request.
 */
async function writeRows(label: string, client: SqlClient, { runs }: BenchOptions): Promise<BenchRow[]> {
  await migrate(client);
  const sql = { writes: 0 };
  const store = new CountingStore(new CountingClient(client, sql));
  const server = new ReplyServer(store, undefined, { logger: silentLogger });
  const replySql: number[] = [];
  const replyStore: number[] = [];
  const requestSql: number[] = [];

  for (let r = 0; r < runs; r++) {
    const created = await server.handle(post({ type: 'threads.create', params: { input: input('start') } }), WRITER);
    const thread = /"type":"thread\.created","thread":\{"id":"([^"]+)"/.exec(await created.text())?.[1];
    if (!thread) throw new Error('threads.create did not create a thread');

    sql.writes = 0;
    store.writes = 0;
    const response = await server.handle(
      post({ type: 'threads.add_user_message', params: { thread_id: thread, input: input('go') } }),
      WRITER,
    );
    const before = { sql: sql.writes, store: store.writes };
    const body = await response.text();
    const deltas = body.split('"assistant_message.content_part.text_delta"').length - 1;
    if (
      response.status !== 200 ||
      deltas !== REPLY_DELTAS ||
      !body.includes('"type":"thread.item.done","item":{"type":"assistant_message"')
    ) {
      throw new Error(
        `the reply was not ${REPLY_DELTAS} deltas and a saved message (status ${response.status}, ${deltas} deltas)`,
      );
    }
    replySql.push(sql.writes - before.sql);
    replyStore.push(store.writes - before.store);
    requestSql.push(sql.writes);
  }

  const what = `writes for one reply of ${REPLY_DELTAS.toLocaleString('en-US')} deltas`;
  return [
    withLimit(
      makeRow({ suite: SUITE, name: `${label}: ${what}, SQL statements`, unit: 'writes', samples: replySql }),
      WRITE_LIMIT,
    ),
    withLimit(
      makeRow({ suite: SUITE, name: `${label}: ${what}, store calls`, unit: 'writes', samples: replyStore }),
      WRITE_LIMIT,
    ),
    makeRow({
      suite: SUITE,
      name: `${label}: writes for threads.add_user_message with that reply (user message too), SQL statements`,
      unit: 'writes',
      samples: requestSql,
    }),
  ];
}
