import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRow, type BenchOptions, type BenchRow } from '../report.js';

/**
 * Time from starting the app's process (`node apps/server/dist/main.js`, as `npm start` runs it)
 * to its first `/readyz` 200, on PGlite: with a new data directory (the database is created) and
 * with the same directory again (opened). At most 3 starts of each, since a first start takes
 * seconds. Runs the build `npm run bench` (or the smoke test's global setup) made.
 */

const SUITE = 'startup';
const MAX_STARTS = 3;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

export async function startupBench({ runs }: BenchOptions): Promise<BenchRow[]> {
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
    makeRow({
      suite: SUITE,
      name: 'process start to /readyz 200, PGlite, existing data directory',
      unit: 's',
      samples: existing,
    }),
  ];
}

/** Starts the app on `dataDir`, polls `/readyz` until 200, stops it with SIGTERM; returns the seconds to ready. */
async function secondsToReady(dataDir: string): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [APP_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      CHATWIRE_DATA_DIR: dataDir,
    },
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
