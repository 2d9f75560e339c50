import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@chatwire/postgres';
import { createPgliteClient, type PgliteClient } from '@chatwire/postgres/pglite';
import { silentLogger } from '@chatwire/server';
import { createNodeListener } from '@chatwire/server/node';
import { createApp, type App, type AppDeps } from '../app.js';
import { loadConfig } from '../config.js';
import type { DatabaseOpener } from '../database/open-database.js';

/** Starting PGlite takes seconds: the hooks that start an app need this long. */
export const APP_START_TIMEOUT_MS = 90_000;

let sharedPglite: Promise<PgliteClient> | undefined;

/**
 * The app's real store (PostgresStore, migrations) on one in-memory PGlite shared by every app a
 * test file starts, since each PGlite costs seconds and hundreds of MB. Apps in one file see the
 * same tables, as two processes on one database would.
 */
export const sharedMemoryDatabase: DatabaseOpener = async () => {
  sharedPglite ??= createPgliteClient();
  const client = await createPgliteClient({ pglite: (await sharedPglite).pglite });
  await migrate(client);
  return { client, close: () => client.close() };
};

export interface Credentials {
  /** `Authorization: Bearer <token>`. */
  token?: string;
  /** The `chatwire_session` cookie's value. */
  cookie?: string;
  /** The `Origin` header; omitted when undefined. */
  origin?: string;
  headers?: Record<string, string>;
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>`: also the app's own origin as browsers on it send it. */
  base: string;
  dataDir: string;
  app: App;
  /** `POST /chatkit` with a JSON body, over real HTTP. */
  chatkit(body: unknown, credentials?: Credentials, path?: string): Promise<Response>;
  /** Signs in through `POST /auth/dev/login` from the app's own origin; returns the token. */
  login(userId: string, name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole app from `createApp`, configured from `env` as `npm start` would be (port 0, a fresh
 * temporary `CHATWIRE_DATA_DIR`), served by the Node adapter on 127.0.0.1.
 */
export async function startApp(env: Record<string, string> = {}, deps: AppDeps = {}): Promise<RunningApp> {
  // A data dir the caller names is theirs to keep (a restart test); otherwise a fresh one, removed on close.
  const ownDataDir = env.CHATWIRE_DATA_DIR === undefined;
  const dataDir = env.CHATWIRE_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'chatwire-app-')));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env, CHATWIRE_DATA_DIR: dataDir });
  const app = createApp(config, { logger: silentLogger, database: sharedMemoryDatabase, ...deps });
  await app.ready();
  const server = createServer(createNodeListener((request) => app.fetch(request), { logger: silentLogger }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    dataDir,
    app,
    chatkit: (body, credentials = {}, path = '/chatkit') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: requestHeaders(credentials),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async login(userId, name) {
      const response = await fetch(`${base}/auth/dev/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base },
        body: JSON.stringify({ user_id: userId, ...(name !== undefined ? { name } : {}) }),
      });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function requestHeaders({ token, cookie, origin, headers = {} }: Credentials): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}),
    ...(cookie !== undefined ? { Cookie: `chatwire_session=${cookie}` } : {}),
    ...(origin !== undefined ? { Origin: origin } : {}),
    ...headers,
  };
}

/** A text-only user message input. */
export function textInput(text: string) {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
}
