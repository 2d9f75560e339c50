import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Global setup of the test tiers that run compiled code (the app as a process, packed tarballs,
 * the browser tests): `npm run build` once, before any test file starts, so no test builds and
 * none can see another's half-written output. Several projects name this file; vitest loads it
 * once per project in its main process, so the first call builds and the others share it.
 */

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

type BuildGlobal = typeof globalThis & { __chatwireBuild?: Promise<void> };

export default async function setup(): Promise<void> {
  const shared = globalThis as BuildGlobal;
  shared.__chatwireBuild ??= build();
  await shared.__chatwireBuild;
}

async function build(): Promise<void> {
  const started = performance.now();
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const child = spawn('npm', ['run', 'build', '--silent'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`npm run build failed (exit ${code}) before the tests could start:\n${output}`);
  process.stdout.write(`Built the workspace for the tests in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
