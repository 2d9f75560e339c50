import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server in a child process of its own, as a deployment would run it. */
export interface ChildServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  pid: number;
  /** Resident set size now, in bytes (Linux `/proc`; 0 elsewhere). */
  rss(): Promise<number>;
  /** CPU seconds (user + system) the process has used so far (Linux `/proc`; 0 elsewhere). */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Spawns `node <script>` with `env` (PATH and HOME added), waits for its stdout to print
 * `listening on http://127.0.0.1:<port>` and, when `readyPath` is given, for that path to answer
 * 200. Its output is kept for the error if it exits first.
 */
export async function startChildServer(
  script: string,
  env: Record<string, string>,
  { readyPath, args = [] }: { readyPath?: string; args?: string[] } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...args, script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk.slice(0, 20_000)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk.slice(0, 20_000)));
  const exited = once(child, 'exit');
  const started = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${script} exited before it was ready:\n${output}`);
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (base !== undefined && (readyPath === undefined || (await status(`${base}${readyPath}`)) === 200))
        return childServer(child, base, exited);
      if (performance.now() - started > 300_000) throw new Error(`${script} not ready after 300 s:\n${output}`);
      await sleep(20);
    }
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
}

function childServer(child: ChildProcess, base: string, exited: Promise<unknown>): ChildServer {
  const pid = child.pid!;
  return {
    base,
    pid,
    rss: async () => Number(/VmRSS:\s+(\d+) kB/.exec(await procFile(pid, 'status'))?.[1] ?? 0) * 1024,
    cpuSeconds: async () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in clock ticks.
      const fields = (await procFile(pid, 'stat')).split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
    },
    stop: () => stopChild(child, exited),
  };
}

async function procFile(pid: number, name: string): Promise<string> {
  try {
    return await readFile(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return '';
  }
}

async function status(url: string): Promise<number> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
