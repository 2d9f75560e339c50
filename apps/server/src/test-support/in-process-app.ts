import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSseData, type ThreadStreamEvent } from '@chatwire/protocol';
import { silentLogger } from '@chatwire/server';
import { parseEvent } from '@chatwire/server/testing';
import { createApp, type App, type AppDeps } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * The app from `createApp`, called in-process through `fetch` (no socket), so a test can look
 * at it before it is ready and read a streamed reply one event at a time.
 */
export interface InProcessApp {
  app: App;
  dataDir: string;
  get(path: string): Promise<Response>;
  /** A development session token for `userId`. */
  login(userId: string): Promise<string>;
  chatkit(body: unknown, token: string): Promise<Response>;
  close(): Promise<void>;
}

const BASE = 'http://127.0.0.1:8787';

export async function createInProcessApp(env: Record<string, string>, deps: AppDeps = {}): Promise<InProcessApp> {
  const dataDir = env.CHATWIRE_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'chatwire-app-')));
  const app = createApp(loadConfig({ PORT: '0', ...env, CHATWIRE_DATA_DIR: dataDir }), { logger: silentLogger, ...deps });
  return {
    app,
    dataDir,
    get: (path) => app.fetch(new Request(`${BASE}${path}`)),
    async login(userId) {
      const response = await app.fetch(
        new Request(`${BASE}/auth/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user_id: userId }),
        }),
      );
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    chatkit: (body, token) =>
      app.fetch(
        new Request(`${BASE}/chatkit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        }),
      ),
    async close() {
      await app.close();
      if (env.CHATWIRE_DATA_DIR === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads a streamed answer one checked event at a time. The app produces the next event only
 * when it is read, so a test can act between two events.
 */
export function eventReader(response: Response): {
  next(): Promise<ThreadStreamEvent | undefined>;
  rest(): Promise<ThreadStreamEvent[]>;
} {
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`Expected an SSE response, got ${response.status}`);
  }
  const data = readSseData(response.body);
  const next = async () => {
    const result = await data.next();
    return result.done ? undefined : parseEvent(result.value);
  };
  return {
    next,
    async rest() {
      const events: ThreadStreamEvent[] = [];
      for (let event = await next(); event; event = await next()) events.push(event);
      return events;
    },
  };
}

/** A text-only user message input. */
export function textInput(text: string) {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
}
