import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The app as `npm start` runs it: compiled, in its own process. For the tests that need a real
 * process (SIGTERM, SIGKILL, a restart on the same data directory). The integration and browser
 * tiers build the workspace once before any test starts (test/build-once.ts).
 */

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const APP_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

export interface SpawnedApp {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Polls `/readyz` until it answers 200; fails if the process exits first. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** A development session for `userId` (`POST /auth/dev/login` from the app's own origin). */
  login(userId: string): Promise<string>;
  /** `POST /chatkit` with a JSON body and a Bearer token. */
  chatkit(body: unknown, token: string): Promise<Response>;
  /** Sends `signal` and waits for the process to end; resolves with its exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node apps/server/dist/main.js` on a free port with `env` (plus PATH and HOME only: no
 * DATABASE_URL or AUTH_* from the developer's shell), and waits for its "listening" line.
 */
export async function spawnApp(env: Record<string, string>): Promise<SpawnedApp> {
  const child = startProcess(env);
  const output = collect(child);
  const exited = once(child, 'exit');
  const base = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /Chatwire listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(() => reject(new Error(`The app exited before listening:\n${output()}`)));
  });

  return {
    base,
    child,
    output,
    async waitUntilReady(timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`The app exited before it was ready:\n${output()}`);
        const status = await fetch(`${base}/readyz`).then(
          async (response) => {
            await response.body?.cancel();
            return response.status;
          },
          () => 0,
        );
        if (status === 200) return;
        if (Date.now() > deadline) throw new Error(`/readyz still answers ${status} after ${timeoutMs} ms:\n${output()}`);
        await sleep(100);
      }
    },
    async login(userId) {
      const response = await fetch(`${base}/auth/dev/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base },
        body: JSON.stringify({ user_id: userId }),
      });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    chatkit(body, token) {
      return fetch(`${base}/chatkit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    },
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs the app until it exits by itself (a configuration error); resolves with its exit code and output. */
export async function runAppToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = startProcess(env);
  const output = collect(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output: output() };
}

function startProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [APP_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return () => text;
}
