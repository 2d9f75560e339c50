import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, ISSUER, makeKey, signToken, startJwksServer } from '@chatwire/test-support/jwks';
import { startChildServer, type ChildServer } from './child-server.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

export interface RunningChatwire {
  server: ChildServer;
  /** A bearer token for `userId`, signed by the JWKS the app trusts. */
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app as `npm start` runs it (`apps/server/dist/main.js`, after the build), in production auth
 * mode (tokens from a local JWKS), its model at `modelBaseURL` (Chat Completions, as for any
 * OpenAI-compatible endpoint), on PGlite in a fresh data directory. `env` adds or overrides;
 * `nodeArgs` go to node before the script (`--cpu-prof`).
 */
export async function startChatwire(
  modelBaseURL: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningChatwire> {
  const key = await makeKey('ES256', 'bench-key');
  const jwks = await startJwksServer({ keys: [key.publicJwk] });
  const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-bench-e2e-'));
  let server: ChildServer | undefined;
  try {
    server = await startChildServer(
      APP_MAIN,
      {
        PORT: '0',
        HOST: '127.0.0.1',
        CHATWIRE_DATA_DIR: dataDir,
        CHATWIRE_LOG_LEVEL: 'warn',
        AUTH_JWKS_URL: jwks.url,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        OPENAI_BASE_URL: modelBaseURL,
        OPENAI_API_KEY: 'bench-key',
        CHATWIRE_MODEL: 'mock-model',
        ...env,
      },
      { readyPath: '/readyz', args: nodeArgs },
    );
  } catch (error) {
    await jwks.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  return {
    server: running,
    token: (userId) => signToken(key, { sub: userId }),
    close: async () => {
      await running.stop();
      await jwks.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
