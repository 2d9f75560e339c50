import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore, type FeedbackRecord } from '@chatwire/postgres';
import { createPgliteClient } from '@chatwire/postgres/pglite';
import { spawnApp, type SpawnedApp } from '../../apps/server/src/test-support/built-app.js';

/** The app as `npm start` runs it: `node apps/server/dist/main.js`, in its own process. */
export interface E2eApp {
  /** `http://127.0.0.1:<port>`; changes when the app is restarted. */
  readonly base: string;
  readonly dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Stops the app (SIGTERM, graceful) and starts it again on the same data directory. */
  restart(): Promise<void>;
  /**
   * What the app stored as `userId`'s thumbs up/down. Read from its database directory, so the
   * app is stopped for the read and started again after it (on a new port).
   */
  storedFeedback(userId: string): Promise<FeedbackRecord[]>;
  close(): Promise<void>;
}

/**
 * Starts the built app on a free port with a fresh data directory (embedded PGlite), the
 * development sign-in and `env` for the model: `OPENAI_BASE_URL` for a mock, or nothing for the
 * offline model. Nothing else from the developer's shell reaches it (no stray `OPENAI_API_KEY`).
 */
export async function startE2eApp(env: Record<string, string> = {}): Promise<E2eApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-e2e-'));
  const fullEnv = { CHATWIRE_DATA_DIR: dataDir, ...env };
  const launch = async (): Promise<SpawnedApp> => {
    const spawned = await spawnApp(fullEnv);
    try {
      await spawned.waitUntilReady(60_000);
    } catch (error) {
      await spawned.stop('SIGKILL');
      throw error;
    }
    return spawned;
  };
  let current = await launch();
  let log = '';

  const stop = async () => {
    const code = await current.stop('SIGTERM');
    log += current.output();
    if (code !== 0) throw new Error(`The app did not stop cleanly (exit ${code}):\n${log}`);
  };

  return {
    get base() {
      return current.base;
    },
    dataDir,
    output: () => log + current.output(),
    async restart() {
      await stop();
      current = await launch();
    },
    async storedFeedback(userId) {
      await stop();
      const client = await createPgliteClient({ dataDir: join(dataDir, 'pglite') });
      try {
        return await new PostgresStore<{ userId: string }>(client).listFeedback({}, { userId });
      } finally {
        await client.close();
        current = await launch();
      }
    },
    async close() {
      await current.stop('SIGTERM').catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
