import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRow, type BenchOptions, type BenchRow } from '../report.js';

/**
 * Time from starting the app's process (`node apps/server/dist/main.js`, as `npm start` runs it)
 * to its first `/readyz` 200, on PGlite: with a new data directory (the database is created) and
 * with the same directory again (opened). At most 3 starts of each, since a first start takes
 * seconds.
 */

const SUITE = 'startup';
const MAX_STARTS = 3;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');
const BUILD_TIMEOUT_MS = 300_000;

export async function startupBench({ runs }: BenchOptions): Promise<BenchRow[]> {
  await buildApp();
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let i = 0; i < Math.min(runs, MAX_STARTS); i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-bench-startup-'));
    try {
      fresh.push(await secondsToReady(dataDir));
      existing.push(await secondsToReady(dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return [
    makeRow({ suite: SUITE, name: 'process start to /readyz 200, PGlite, new data directory', unit: 's', samples: fresh }),
    makeRow({ suite: SUITE, name: 'process start to /readyz 200, PGlite, existing data directory', unit: 's', samples: existing }),
  ];
}

/** Starts the app on `dataDir`, polls `/readyz` until 200, stops it with SIGTERM; returns the seconds to ready. */
async function secondsToReady(dataDir: string): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [APP_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PORT: '0', HOST: '127.0.0.1', CHATWIRE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited before it was ready:\n${output}`);
      const base = /Chatwire listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const status = base === undefined ? 0 : await readyStatus(base);
      if (status === 200) return (performance.now() - start) / 1000;
      if (performance.now() - start > 300_000) throw new Error(`not ready after 300 s:\n${output}`);
      await sleep(20);
    }
  } finally {
    await stop(child, exited);
  }
}

async function readyStatus(base: string): Promise<number> {
  try {
    const response = await fetch(`${base}/readyz`);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * `tsc -b apps/server`, so the figure is for the code as it is (a no-op after `npm run bench`'s
 * build). Test processes building at the same time take turns through the same lock.
 */
async function buildApp(): Promise<void> {
  const lock = join(tmpdir(), `chatwire-build-${createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > BUILD_TIMEOUT_MS) await rmdir(lock).catch(() => {});
      if (Date.now() > deadline) throw new Error(`Waited too long for ${lock}`);
      await sleep(200);
    }
  }
  try {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/server'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`tsc -b apps/server failed (exit ${code}):\n${output}`);
  } finally {
    await rmdir(lock).catch(() => {});
  }
}
