import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeRow, median, withLimit, type BenchOptions, type BenchRow } from '../report.js';

/**
 * The app's process as `npm start` runs it (`node apps/server/dist/main.js`, after the build), on
 * PGlite: seconds from spawning it to its first `/readyz` 200 with a new data directory (the
 * database is made) and with that directory again (opened); then, on the opened one, the first
 * streamed reply (`threads.create`, the offline model at full speed, read to its last byte)
 * against the median of the next ten. At most 3 starts of each. Targets: a new directory ready
 * in under 3 s, an existing one in under 1.5 s, the first reply within 2× the next ones.
 */

const SUITE = 'startup';
const MAX_STARTS = 3;
const FOLLOWING_REPLIES = 10;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

export async function startupBench({ runs }: BenchOptions): Promise<BenchRow[]> {
  const fresh: number[] = [];
  const existing: number[] = [];
  const firstReply: number[] = [];
  const nextReplies: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(runs, MAX_STARTS); i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-bench-startup-'));
    try {
      fresh.push((await startApp(dataDir, async () => {})).seconds);
      const replies = await startApp(dataDir, timeReplies);
      existing.push(replies.seconds);
      const [first, ...next] = replies.result!;
      const typical = median(next);
      firstReply.push(first!);
      nextReplies.push(typical);
      ratios.push(first! / typical);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const row = (name: string, unit: string, samples: number[]) => makeRow({ suite: SUITE, name, unit, samples });
  return [
    withLimit(row('process start to /readyz 200, PGlite, new data directory', 's', fresh), 3),
    withLimit(row('process start to /readyz 200, PGlite, existing data directory', 's', existing), 1.5),
    row('first streamed reply after /readyz (threads.create, offline model)', 'ms', firstReply),
    row(`median of the next ${FOLLOWING_REPLIES} replies`, 'ms', nextReplies),
    withLimit(row(`first reply ÷ median of the next ${FOLLOWING_REPLIES}`, '×', ratios), 2),
  ];
}

/**
 * Starts the app on `dataDir`, polls `/readyz` until 200, runs `then` against it, and stops it with
 * SIGTERM; resolves with the seconds to ready and what `then` returned.
 */
async function startApp<T>(dataDir: string, then: (base: string) => Promise<T>): Promise<{ seconds: number; result?: T }> {
  const start = performance.now();
  const child = spawn(process.execPath, [APP_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      CHATWIRE_DATA_DIR: dataDir,
      CHATWIRE_OFFLINE_WORD_DELAY_MS: '0',
      CHATWIRE_RATE_LIMIT: '0',
      CHATWIRE_LOG_LEVEL: 'warn',
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
      if (status === 200) {
        const seconds = (performance.now() - start) / 1000;
        return { seconds, result: await then(base!) };
      }
      if (performance.now() - start > 300_000) throw new Error(`not ready after 300 s:\n${output}`);
      await sleep(10);
    }
  } finally {
    await stop(child, exited);
  }
}

/** Milliseconds of the first streamed reply and of the ones after it, each read to its end. */
async function timeReplies(base: string): Promise<number[]> {
  const login = await fetch(`${base}/auth/dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_id: 'bench-startup' }),
  });
  const body: unknown = await login.json();
  const token = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : '';
  if (!token) throw new Error(`login failed: ${login.status}`);
  const times: number[] = [];
  for (let i = 0; i <= FOLLOWING_REPLIES; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/chatkit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'threads.create',
        params: {
          input: {
            content: [{ type: 'input_text', text: `What is on this page? (${i})` }],
            attachments: [],
            inference_options: {},
          },
        },
      }),
    });
    const text = await response.text();
    if (response.status !== 200 || !text.includes('"assistant_message"'))
      throw new Error(`reply ${i} failed: ${response.status} ${text.slice(0, 300)}`);
    times.push(performance.now() - started);
  }
  return times;
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
