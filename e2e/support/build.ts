import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { buildApp, withDirectoryLock } from '../../apps/server/src/test-support/built-app.js';

/**
 * Builds what the browser tests run, once per test run: the app and the packages it uses
 * (`tsc -b`, shared with the app's own process tests through their lock) and the chat page
 * (`npm run build:web -w @chatwire/app-server`, which empties and rewrites `dist/public/`).
 * Test files may start at the same time, so they take turns; the first builds, the others find
 * its marker and start at once. A second build mid-run would pull the page out from under an
 * app another file is testing.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const repoKey = createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 12);

/**
 * One vitest run: the vitest process itself (test files run in child processes of it, the
 * default `forks` pool, or in its worker threads), named by its pid and, where Linux tells, its
 * start time, so a later run that happens to get the same pid is not taken for this one.
 */
export const RUN_ID = runId(isMainThread ? process.ppid : process.pid);

function runId(pid: number): string {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTime = line.slice(line.lastIndexOf(')') + 2).split(' ')[19];
    return startTime ? `${pid}-${startTime}` : String(pid);
  } catch {
    return String(pid);
  }
}

const MARKER_PREFIX = `chatwire-e2e-${repoKey}-`;
/** Markers older than this belong to runs long over. */
const MARKER_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A file in the temporary directory that exists once per run (per repository); `true` for the caller that made it. */
export async function claimOncePerRun(name: string): Promise<boolean> {
  try {
    await writeFile(join(tmpdir(), `${MARKER_PREFIX}${name}-${RUN_ID}`), '', { flag: 'wx' });
  } catch {
    return false;
  }
  await pruneOldMarkers();
  return true;
}

async function pruneOldMarkers(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(MARKER_PREFIX) || name.endsWith('.lock')) continue;
    const path = join(tmpdir(), name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && Date.now() - info.mtimeMs > MARKER_MAX_AGE_MS) await rm(path, { force: true });
  }
}

export async function buildOnce(): Promise<void> {
  await withDirectoryLock(join(tmpdir(), `${MARKER_PREFIX}build.lock`), async () => {
    if (existsSync(join(tmpdir(), `${MARKER_PREFIX}built-${RUN_ID}`))) return;
    await buildApp();
    await run('npm', ['run', 'build:web', '--silent', '-w', '@chatwire/app-server']);
    await claimOncePerRun('built');
  });
}

async function run(command: string, args: string[]): Promise<void> {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output}`);
}

