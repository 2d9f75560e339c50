import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore, type SqlClient } from '@chatwire/postgres';
import { silentLogger } from '@chatwire/server';
import { collectEvents, parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessApp, textInput, type InProcessApp } from '../test-support/in-process-app.js';
import { openDatabase, type OpenDatabase } from './open-database.js';

/**
 * The app on its default database, PGlite in CHATWIRE_DATA_DIR, in this process: readiness,
 * feedback, one process per data directory, and closing.
 */

let dataDir: string;
let running: InProcessApp | undefined;
let opened: OpenDatabase | undefined;
let token: string;
/** Every statement the app sent, in order. */
const statements: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatwire-db-'));
});

afterAll(async () => {
  await running?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The real client, with every statement noted. */
function recording(client: SqlClient): SqlClient {
  return {
    query: (text, params) => (statements.push(text), client.query(text, params)),
    exec: (script) => (statements.push(script), client.exec(script)),
    transaction: (fn) => client.transaction((tx) => fn(recording(tx))),
    close: () => client.close(),
  };
}

async function readyz(app: InProcessApp) {
  const response = await app.get('/readyz');
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the app on PGlite in its data directory', () => {
  it('answers /readyz 503 "starting" and /chatkit 503 with Retry-After until the database is open and migrated, /healthz throughout, then 200', async () => {
    // What an interrupted first start leaves: a half-made database beside the real one.
    await mkdir(join(dataDir, 'pglite.new'));
    await writeFile(join(dataDir, 'pglite.new', 'PG_VERSION'), 'half');

    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const app = await createInProcessApp(
      { CHATWIRE_DATA_DIR: dataDir },
      {
        database: async (signal) => {
          await gate;
          const database = await openDatabase({ dataDir }, { logger: silentLogger, signal });
          opened = database;
          return { client: recording(database.client), close: () => database.close() };
        },
      },
    );
    running = app;
    token = await app.login('db-user');

    expect(await readyz(app)).toEqual({ status: 503, body: { status: 'starting' } });
    expect((await app.get('/healthz')).status).toBe(200);
    const early = await app.chatkit({ type: 'threads.list', params: {} }, token);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(parseErrorResponse(await early.text())).toEqual({
      error: { code: 'unavailable', message: 'The server is starting; try again shortly' },
    });

    open();
    await app.app.ready();
    expect(await readyz(app)).toEqual({ status: 200, body: { status: 'ready' } });
    const { rows } = await opened!.client.query<{ name: string }>('SELECT name FROM chatwire_migrations ORDER BY name');
    expect(rows.map((row) => row.name)).toContain('001_initial.sql');
    expect(await readdir(dataDir)).not.toContain('pglite.new');

    const list = await app.chatkit({ type: 'threads.list', params: {} }, token);
    expect(parseJsonResponse('threads.list', await list.text())).toEqual({ data: [], has_more: false });
  }, 180_000);

  it('a busy health checker costs one database query a second, not one per /readyz', async () => {
    const before = statements.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => readyz(running!)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(statements.slice(before).filter((text) => text === 'SELECT 1').length).toBeLessThanOrEqual(1);
  });

  it('items.feedback is stored, with the user, thread, item and kind', async () => {
    const app = running!;
    const events = await collectEvents(
      await app.chatkit({ type: 'threads.create', params: { input: textInput('rate me') } }, token),
    );
    // The app's own assistant answered (the offline model); the feedback is on its reply.
    const done = events.findLast((event) => event.type === 'thread.item.done' && event.item.type === 'assistant_message');
    if (done?.type !== 'thread.item.done') throw new Error('expected an assistant reply');
    const feedback = await app.chatkit(
      { type: 'items.feedback', params: { thread_id: done.item.thread_id, item_ids: [done.item.id], kind: 'positive' } },
      token,
    );
    expect(parseJsonResponse('items.feedback', await feedback.text())).toEqual({});

    const store = new PostgresStore<{ userId: string }>(opened!.client);
    const records = await store.listFeedback({ threadId: done.item.thread_id }, { userId: 'db-user' });
    expect(records).toEqual([
      {
        id: expect.any(String),
        thread_id: done.item.thread_id,
        item_id: done.item.id,
        kind: 'positive',
        created_at: expect.any(String),
      },
    ]);
  }, 60_000);

  it('a second app on the same data directory is refused instead of corrupting it: ready() fails, /readyz says "failed", /chatkit answers 503', async () => {
    const second = await createInProcessApp({ CHATWIRE_DATA_DIR: dataDir });
    try {
      await expect(second.app.ready()).rejects.toThrow(/pglite\.pid says process \d+ is using the embedded database/);
      expect(await readyz(second)).toEqual({ status: 503, body: { status: 'failed' } });
      const refused = await second.chatkit({ type: 'threads.list', params: {} }, await second.login('db-user'));
      expect(refused.status).toBe(503);
      expect(parseErrorResponse(await refused.text()).error.message).toBe('The database could not be opened; see the server log');
    } finally {
      await second.close();
    }
    // The first app was not disturbed.
    expect((await running!.chatkit({ type: 'threads.list', params: {} }, token)).status).toBe(200);
  }, 60_000);

  it('closing the app closes the database, and the next app on the directory finds the threads', async () => {
    const list = async (app: InProcessApp) =>
      parseJsonResponse('threads.list', await (await app.chatkit({ type: 'threads.list', params: {} }, token)).text());
    const before = await list(running!);
    expect(before.data).toHaveLength(1);
    await running!.close();

    running = await createInProcessApp({ CHATWIRE_DATA_DIR: dataDir });
    await running.app.ready();
    expect(await list(running)).toEqual(before);
  }, 120_000);
});
