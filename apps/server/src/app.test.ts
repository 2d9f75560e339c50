import { readSseData, type ThreadStreamEvent } from '@chatwire/protocol';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@chatwire/server';
import { parseEvent } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { APP_START_TIMEOUT_MS, sharedMemoryDatabase } from './test-support/app-harness.js';
import { echoResponder } from './test-support/echo-responder.js';

let app: App;
let dataDir: string;
/** A development session token: /chatkit needs a signed-in user. */
let token: string;
const base = 'http://127.0.0.1:8787';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatwire-app-test-'));
  // The echo responder: these tests are about routing and streaming, not about the assistant (assistant.test.ts).
  app = createApp(loadConfig({ PORT: '0', CHATWIRE_DATA_DIR: dataDir }), {
    logger: silentLogger,
    database: sharedMemoryDatabase,
    responder: (store) => echoResponder(store),
  });
  await app.ready();
  const login = await app.fetch(
    new Request(`${base}/auth/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'app-test' }),
    }),
  );
  token = ((await login.json()) as { token: string }).token;
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

function chatkit(body: unknown): Promise<Response> {
  return app.fetch(
    new Request(`${base}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  );
}

async function events(response: Response): Promise<ThreadStreamEvent[]> {
  const out: ThreadStreamEvent[] = [];
  for await (const data of readSseData(response.body!)) out.push(parseEvent(data));
  return out;
}

describe('app routes', () => {
  it('GET /healthz answers ok', async () => {
    const res = await app.fetch(new Request(`${base}/healthz`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready', async () => {
    const res = await app.fetch(new Request(`${base}/readyz`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('an unknown path is a 404 JSON error', async () => {
    const res = await app.fetch(new Request(`${base}/nope`));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('/nope');
  });

  it('a wrong method on a known route is a 405 with Allow', async () => {
    const get = await app.fetch(new Request(`${base}/chatkit`));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await get.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');

    const post = await app.fetch(new Request(`${base}/healthz`, { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('HEAD on a GET route is allowed', async () => {
    const res = await app.fetch(new Request(`${base}/healthz`, { method: 'HEAD' }));
    expect(res.status).toBe(200);
  });

  it('threads.create streams the user text back word by word, and the thread keeps both messages', async () => {
    const res = await chatkit({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'hello echo world' }], attachments: [], inference_options: {} } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');

    const stream = await events(res);
    expect(stream.map((e) => (e.type === 'thread.item.updated' ? e.update.type : e.type))).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done',
    ]);
    const deltas = stream.flatMap((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta' ? [e.update.delta] : [],
    );
    expect(deltas).toEqual(['hello ', 'echo ', 'world']);

    const created = stream[0];
    if (created?.type !== 'thread.created') throw new Error('expected thread.created first');
    const thread = await chatkit({ type: 'threads.get_by_id', params: { thread_id: created.thread.id } });
    expect(thread.status).toBe(200);
    const body = (await thread.json()) as { items: { data: Array<{ type: string; content: Array<{ text: string }> }> } };
    expect(body.items.data.map((item) => [item.type, item.content[0]?.text])).toEqual([
      ['user_message', 'hello echo world'],
      ['assistant_message', 'hello echo world'],
    ]);
  });

  it('an invalid /chatkit body is a 400 naming the field', async () => {
    const res = await chatkit({ type: 'threads.get_by_id', params: {} });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('thread_id');
  });
});
