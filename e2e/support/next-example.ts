import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * The Next.js example (`apps/next-example`) as users deploy it: `next build`, then `next start`.
 * The browser tier's global setup has built the workspace packages it imports; the example
 * itself is built by the one test file that uses it, once per run, so no other test waits for it.
 */

const EXAMPLE_DIR = fileURLToPath(new URL('../../apps/next-example/', import.meta.url));
const NEXT_BIN = fileURLToPath(new URL('../../node_modules/next/dist/bin/next', import.meta.url));
/** `next build` takes ~10-20 s alone, far longer on a machine shared with other test runs. */
export const NEXT_BUILD_TIMEOUT_MS = 300_000;

export interface NextExample {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  output(): string;
  close(): Promise<void>;
}

function nextEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    ...extra,
  };
}

/** `next build` in the example's directory; throws with its output when it fails. */
export async function buildNextExample(): Promise<void> {
  const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
    cwd: EXAMPLE_DIR,
    env: nextEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output()}`);
}

/** `next start` on a free port with the proxy pointed at `upstream`; resolves once it serves pages. */
export async function startNextExample(upstream: string): Promise<NextExample> {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: EXAMPLE_DIR,
    env: nextEnv({ CHATWIRE_UPSTREAM: upstream }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    const status = await fetch(`${base}/`).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`next start did not serve / within 60 s (last status ${status}):\n${output()}`);
    }
    await sleep(100);
  }
  return {
    base,
    output,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return () => text;
}
