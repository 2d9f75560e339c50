import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSseData, type Thread, type ThreadItem } from '@chatwire/protocol';
import { collectEvents, parseEvent, parseJsonResponse } from '@chatwire/server/testing';
import { startMockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runAppToExit, spawnApp, type SpawnedApp } from './test-support/built-app.js';
import { textInput } from './test-support/in-process-app.js';

/**
 * The compiled app in its own process on PGlite, as `npm start` runs it: stopped with SIGTERM or
 * killed with SIGKILL, then started again on the same data directory.
 */

const dataDirs: string[] = [];
const apps: SpawnedApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop('SIGKILL');
});

afterAll(async () => {
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatwire-process-'));
  dataDirs.push(dir);
  return dir;
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<SpawnedApp> {
  const app = await spawnApp({ CHATWIRE_DATA_DIR: dataDir, ...env });
  apps.push(app);
  await app.waitUntilReady();
  return app;
}

async function json<T extends 'threads.list' | 'threads.get_by_id' | 'items.list'>(
  app: SpawnedApp,
  token: string,
  type: T,
  params: object,
) {
  const response = await app.chatkit({ type, params }, token);
  expect(response.status).toBe(200);
  return parseJsonResponse(type, await response.text());
}

/** Creates a thread with `text` over HTTP and returns it as the app stored it. */
async function createThread(app: SpawnedApp, token: string, text: string): Promise<Thread> {
  const events = await collectEvents(await app.chatkit({ type: 'threads.create', params: { input: textInput(text) } }, token));
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error(`expected thread.created first, got ${created?.type}`);
  return json(app, token, 'threads.get_by_id', { thread_id: created.thread.id });
}

/** The user and assistant messages, as [type, text]; the assistant's tool steps (workflow items) are left out. */
function messages(items: ThreadItem[]): Array<[string, string]> {
  return items.flatMap((item): Array<[string, string]> =>
    item.type === 'user_message' || item.type === 'assistant_message'
      ? [[item.type, item.content.map((part) => part.text).join('')]]
      : [],
  );
}

/** An answer of the built-in offline model, which says what it is. */
const offlineAnswer = expect.stringContaining('offline model');

describe('the built app on PGlite across restarts', () => {
  it('threads and messages created over HTTP are all there after a SIGTERM and a start on the same data directory', async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    await vi.waitFor(() =>
      expect(first.output()).toContain('\nModel: offline model (no OPENAI_API_KEY or OPENAI_BASE_URL set)\n'),
    );
    const token = await first.login('restart-user');
    const other = await first.login('someone-else');

    const older = await createThread(first, token, 'the first thread');
    const newer = await createThread(first, token, 'the second thread');
    const added = await collectEvents(
      await first.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: older.id, input: textInput('and a follow-up') } },
        token,
      ),
    );
    expect(added.findLast((event) => event.type === 'thread.item.done')).toMatchObject({ item: { type: 'assistant_message' } });
    await createThread(first, other, 'not yours');
    const before = {
      list: await json(first, token, 'threads.list', {}),
      older: await json(first, token, 'threads.get_by_id', { thread_id: older.id }),
      newer: await json(first, token, 'threads.get_by_id', { thread_id: newer.id }),
    };
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await start(dataDir);
    // A signing key kept in the data directory too, so the old session still works.
    const list = await json(second, token, 'threads.list', {});
    expect(list).toEqual(before.list);
    expect(list.data.map((thread) => thread.id)).toEqual([newer.id, older.id]);
    expect(await json(second, token, 'threads.get_by_id', { thread_id: older.id })).toEqual(before.older);
    expect(await json(second, token, 'threads.get_by_id', { thread_id: newer.id })).toEqual(before.newer);
    expect(messages((await json(second, token, 'items.list', { thread_id: older.id, order: 'asc' })).data)).toEqual([
      ['user_message', 'the first thread'],
      ['assistant_message', offlineAnswer],
      ['user_message', 'and a follow-up'],
      ['assistant_message', offlineAnswer],
    ]);
  }, 300_000);

  it('SIGKILL in the middle of a streamed reply: after a restart the reply is closed within the lease, keeping the text it had logged, and the thread takes new messages', async () => {
    const dataDir = await freshDataDir();
    // Slow words from the offline model, so the reply is still streaming when the process dies; a short lease.
    const env = { CHATWIRE_OFFLINE_WORD_DELAY_MS: '100', CHATWIRE_RUN_LEASE_MS: '1000' };
    const first = await start(dataDir, env);
    const token = await first.login('kill-user');
    const thread = await createThread(first, token, 'hi');

    const longText = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const response = await first.chatkit(
      { type: 'threads.add_user_message', params: { thread_id: thread.id, input: textInput(longText) } },
      token,
    );
    expect(response.status).toBe(200);
    let deltas = 0;
    let seen = '';
    const reading = (async () => {
      for await (const data of readSseData(response.body!)) {
        const event = parseEvent(data);
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') {
          deltas += 1;
          seen += event.update.delta;
          if (deltas === 3) return;
        }
      }
    })();
    await reading;
    expect(await first.stop('SIGKILL')).toBe(null);

    const second = await start(dataDir, env);
    // The dead instance's run: the new one finds its lease run out and closes it (resume ends then).
    await collectEvents(
      await second.chatkit({ type: 'chatwire.threads.resume', params: { thread_id: thread.id, after_event: 0 } }, token),
    );
    const after = await json(second, token, 'threads.get_by_id', { thread_id: thread.id });
    const kept = messages(after.items.data);
    expect(kept.slice(0, 3)).toEqual([
      ['user_message', 'hi'],
      ['assistant_message', offlineAnswer],
      ['user_message', longText],
    ]);
    // The reply as far as it had streamed, saved once, as a stopped reply is.
    expect(kept).toHaveLength(4);
    expect(kept[3]![0]).toBe('assistant_message');
    // Events wait up to 25 ms to reach the log: the last word the client had may be missing.
    const partial = kept[3]![1];
    expect(partial.length).toBeGreaterThan(0);
    expect(seen.startsWith(partial) || partial.startsWith(seen)).toBe(true);
    expect(await json(second, token, 'threads.list', {})).toMatchObject({ data: [{ id: thread.id }] });

    const next = await collectEvents(
      await second.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: thread.id, input: textInput('still here?') } },
        token,
      ),
    );
    expect(next.findLast((event) => event.type === 'thread.item.done')).toMatchObject({ item: { type: 'assistant_message' } });
    expect(messages((await json(second, token, 'items.list', { thread_id: thread.id, order: 'asc' })).data).slice(4)).toEqual([
      ['user_message', 'still here?'],
      ['assistant_message', offlineAnswer],
    ]);
  }, 300_000);
});

describe('the built app with a model endpoint configured', () => {
  it('says which model and endpoint host it uses, never the key, and answers through that endpoint with the key as its only credential', async () => {
    const mock = await startMockOpenAI();
    try {
      const key = 'sk-proj-PROCESS-TEST-KEY-0123456789';
      const app = await start(await freshDataDir(), {
        OPENAI_API_KEY: key,
        OPENAI_BASE_URL: mock.baseURL,
        CHATWIRE_MODEL: 'mock-model',
      });
      const host = new URL(mock.baseURL).host;
      await vi.waitFor(() => expect(app.output()).toContain(`\nModel: mock-model via ${host} (chat completions)\n`));

      mock.reply({ text: ['Hello ', 'from the ', 'endpoint.'] });
      const token = await app.login('model-user');
      const events = await collectEvents(
        await app.chatkit({ type: 'threads.create', params: { input: textInput('Hello?') } }, token),
      );
      expect(events.findLast((event) => event.type === 'thread.item.done')).toMatchObject({
        item: { type: 'assistant_message', content: [{ type: 'output_text', text: 'Hello from the endpoint.' }] },
      });
      expect(mock.requests.length).toBeGreaterThan(0);
      for (const request of mock.requests) expect(request.headers.authorization).toBe(`Bearer ${key}`);
      expect(app.output()).not.toContain(key);
    } finally {
      await mock.close();
    }
  }, 300_000);
});

describe('the built app with a bad model setting', () => {
  it('an unknown CHATWIRE_MODEL_API stops it before listening with exit code 2 and one line naming the variable', async () => {
    const { code, output } = await runAppToExit({
      CHATWIRE_DATA_DIR: await freshDataDir(),
      OPENAI_API_KEY: 'sk-proj-EXIT-TEST-KEY',
      CHATWIRE_MODEL_API: 'anthropic',
    });
    expect(code).toBe(2);
    expect(output).toBe(
      'Invalid configuration: CHATWIRE_MODEL_API: must be "responses" or "chat_completions", not "anthropic"\n',
    );
  });

  it('an OPENAI_BASE_URL that is not a URL stops it with exit code 2 and one line naming the variable, not the value (here a key in the wrong variable)', async () => {
    const { code, output } = await runAppToExit({
      CHATWIRE_DATA_DIR: await freshDataDir(),
      OPENAI_BASE_URL: 'sk-proj-MISPLACED-KEY-0123456789',
    });
    expect(code).toBe(2);
    expect(output).toMatch(/^Invalid configuration: OPENAI_BASE_URL: [^\n]*\n$/);
    expect(output).not.toContain('MISPLACED-KEY');
  });
});

describe('the built app with a bad DATABASE_URL', () => {
  it('stops before listening with exit code 2 and one line naming the variable, not the value', async () => {
    const { code, output } = await runAppToExit({
      CHATWIRE_DATA_DIR: await freshDataDir(),
      DATABASE_URL: 'mysql://app:hunter2@db/chat',
    });
    expect(code).toBe(2);
    expect(output).toBe(
      'Invalid configuration: DATABASE_URL: expected a postgres:// or postgresql:// URL; the value starts with "mysql:"\n',
    );
  });
});

describe('the built app stopped with SIGTERM in the middle of a streamed reply', () => {
  /** Starts a slow offline reply and reads it until `words` words have streamed; returns the reader's promise of the rest. */
  async function streamUntil(app: SpawnedApp, token: string, words: number) {
    const response = await app.chatkit({ type: 'threads.create', params: { input: textInput('tell me everything') } }, token);
    expect(response.status).toBe(200);
    const events: ReturnType<typeof parseEvent>[] = [];
    let shown = 0;
    let reachedWords!: () => void;
    const reached = new Promise<void>((resolve) => (reachedWords = resolve));
    const rest = (async () => {
      for await (const data of readSseData(response.body!)) {
        const event = parseEvent(data);
        events.push(event);
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') {
          if (++shown === words) reachedWords();
        }
      }
    })();
    await reached;
    return { events, rest };
  }

  it('stops the reply after the grace period, keeps what it wrote, tells the client, and exits 0', async () => {
    const dataDir = await freshDataDir();
    const env = { CHATWIRE_OFFLINE_WORD_DELAY_MS: '200', CHATWIRE_SHUTDOWN_GRACE_MS: '600' };
    const first = await start(dataDir, env);
    const token = await first.login('sigterm-user');
    const { events, rest } = await streamUntil(first, token, 2);
    const stopped = first.stop('SIGTERM');
    await rest;
    expect(await stopped).toBe(0);

    const created = events[0];
    if (created?.type !== 'thread.created') throw new Error('expected thread.created first');
    const shownText = events
      .flatMap((event) =>
        event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
          ? [event.update.delta]
          : [],
      )
      .join('');
    // The stream ended cleanly, with the reason as its last event.
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'custom',
      message: expect.stringContaining('The server is restarting, so this reply was stopped.'),
      allow_retry: true,
    });
    expect(first.output()).toContain('"msg":"Shutting down"');

    const second = await start(dataDir, env);
    const after = await json(second, token, 'threads.get_by_id', { thread_id: created.thread.id });
    expect(messages(after.items.data)).toEqual([
      ['user_message', 'tell me everything'],
      ['assistant_message', shownText],
    ]);
    expect(shownText.split(' ').filter(Boolean).length).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it('lets a reply that finishes within the grace period finish before it exits 0', async () => {
    const first = await start(await freshDataDir(), { CHATWIRE_OFFLINE_WORD_DELAY_MS: '20' });
    const token = await first.login('graceful-user');
    const { events, rest } = await streamUntil(first, token, 1);
    const stopped = first.stop('SIGTERM');
    await rest;
    expect(await stopped).toBe(0);
    expect(events.some((event) => event.type === 'error')).toBe(false);
    expect(events.findLast((event) => event.type === 'thread.item.done')).toMatchObject({
      item: { type: 'assistant_message', content: [{ text: offlineAnswer }] },
    });
  }, 300_000);
});
