import { setMaxListeners } from 'node:events';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startChatwire } from '../e2e/chatwire-app.js';
import { startChildServer } from '../e2e/child-server.js';
import { newFigures, pacedStream, type LoadFigures } from '../e2e/paced-client.js';
import { makeRow, median, withLimit, type BenchOptions, type BenchRow } from '../report.js';

/**
 * Many conversations at once: for each N in `streams` (default 100, 500, 1,000, 2,000), a fresh
 * app process (production auth, agents SDK, PGlite) and a paced model (its own process, 30 deltas
 * a second per stream, each delta stamped with when it was written); N users each open one
 * stream, `startRate` (default 20) new ones a second, after a warm-up of up to 50 streams of 3 s
 * that have ended (so the idle RSS is a warm process's). Measured for `seconds` from the moment
 * every stream has had its first delta (or from a deadline, 2× the ramp + 30 s, with what is open:
 * then the latency rows fail), then all are cut: the added inter-delta latency (the gap the client saw minus the gap the model
 * left, a negative one counted as 0) p50/p99, errors, the app's RSS (growth per open stream over
 * its idle RSS) and CPU. One run per N. Targets: 200 streams p99 < 30 ms; 1,000 streams zero
 * errors and p99 < 100 ms; RSS growth per open stream < 100 KB.
 */

const SUITE = 'concurrency';
export const DEFAULT_STREAMS = [100, 500, 1000, 2000];
export const DEFAULT_SECONDS = 60;
export const PACED_RATE = 30;
/** New conversations a second while the streams open (a start costs ~20 ms of the app's CPU on PGlite). */
export const DEFAULT_START_RATE = 20;
const WARM_STREAMS = 50;
const WARM_SECONDS = 3;
const PEERS = fileURLToPath(new URL('../../dist/peers/', import.meta.url));

const body = (i: number) =>
  JSON.stringify({
    type: 'threads.create',
    params: { input: { content: [{ type: 'input_text', text: `Conversation ${i}` }], attachments: [], inference_options: {} } },
  });

const epochNow = () => performance.timeOrigin + performance.now();

async function setDeltas(modelBase: string, deltas: number): Promise<void> {
  const response = await fetch(`${modelBase}/control`, { method: 'POST', body: JSON.stringify({ deltas }) });
  if (response.status !== 204) throw new Error(`the paced model answered ${response.status}`);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

interface Level {
  figures: LoadFigures;
  rssIdle: number;
  rssOpen: number[];
  cpuCores: number;
  minOpen: number;
  /** Seconds from the first request until every stream had its first delta (undefined: not by the deadline). */
  allStarted: number | undefined;
  startDeadline: number;
  ramp: number;
}

async function runLevel(n: number, seconds: number, startRate: number): Promise<Level> {
  const ramp = n / startRate;
  // An app that cannot open N conversations by then is measured with what it has open.
  const startDeadline = ramp * 2 + 30;
  // Long enough to outlast the start and the window; cut when the window closes.
  const deltas = Math.round((startDeadline + seconds + 10) * PACED_RATE);
  const model = await startChildServer(join(PEERS, 'paced-model.js'), {
    PACED_RATE: String(PACED_RATE),
    PACED_DELTAS: String(deltas),
  });
  const app = await startChatwire(`${model.base}/v1`, {}, process.env.BENCH_APP_NODE_ARGS?.split(' ') ?? []).catch(
    async (error: unknown) => {
      await model.stop();
      throw error;
    },
  );
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  try {
    const tokens = await Promise.all(Array.from({ length: n }, (_, i) => app.token(`load-user-${i}`)));
    // Warm up first (JIT, the heap's young generation, the database), so the idle RSS is a warm
    // process's and the growth is what the open streams hold.
    const warm = Math.min(n, WARM_STREAMS);
    await setDeltas(model.base, WARM_SECONDS * PACED_RATE);
    await Promise.all(
      tokens.slice(0, warm).map((token, i) =>
        pacedStream(
          {
            url: `${app.server.base}/chatkit`,
            body: body(i),
            agent,
            inWindow: () => false,
            headers: { authorization: `Bearer ${token}` },
          },
          newFigures(),
        ),
      ),
    );
    await setDeltas(model.base, deltas);
    await sleep(1000);
    const figures = newFigures();
    const rssIdle = await app.server.rss();
    const t0 = epochNow();
    // The window opens once every stream has sent its first delta (starting a conversation costs
    // more than streaming one), or at the start deadline, and lasts `seconds`.
    let windowStart = Infinity;
    let windowEnd = t0 + startDeadline * 1000;
    const inWindow = (now: number) => now >= windowStart && now <= windowEnd;
    const cut = new AbortController();
    const stop = cut.signal;
    setMaxListeners(n + 1, stop);
    const streams = tokens.map(async (token, i) => {
      await sleep((i * ramp * 1000) / n);
      const options = { url: `${app.server.base}/chatkit`, body: body(i), agent, inWindow, expectDeltas: deltas };
      const whole = await pacedStream({ ...options, headers: { authorization: `Bearer ${token}` }, signal: stop }, figures);
      // A whole stream that ended before the window closed ended early (a failed one is counted already).
      if (whole && !stop.aborted) figures.errors += 1;
    });
    // Sample while every stream is open.
    while (figures.firstDelta.length + figures.errors < n && epochNow() < windowEnd) await sleep(20);
    const allStarted = figures.firstDelta.length + figures.errors >= n ? (epochNow() - t0) / 1000 : undefined;
    windowStart = epochNow() + 500;
    windowEnd = windowStart + seconds * 1000;
    await sleep(500);
    const cpuStart = await app.server.cpuSeconds();
    const rssOpen: number[] = [];
    let minOpen = figures.open;
    while (epochNow() < windowEnd - 1000) {
      rssOpen.push(await app.server.rss());
      minOpen = Math.min(minOpen, figures.open);
      await sleep(1000);
    }
    const cpuCores = (await app.server.cpuSeconds()) - cpuStart;
    const windowSeconds = Math.max(0.001, (epochNow() - windowStart) / 1000);
    await sleep(Math.max(0, windowEnd - epochNow()));
    cut.abort();
    await Promise.all(streams);
    if (rssOpen.length === 0) rssOpen.push(await app.server.rss());
    return { figures, rssIdle, rssOpen, cpuCores: cpuCores / windowSeconds, minOpen, allStarted, startDeadline, ramp };
  } finally {
    agent.destroy();
    await app.close();
    await model.stop();
  }
}

export async function concurrencyBench({
  streams = DEFAULT_STREAMS,
  seconds = DEFAULT_SECONDS,
  startRate = DEFAULT_START_RATE,
}: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of streams) {
    const level = await runLevel(n, seconds, startRate);
    const { figures } = level;
    if (figures.errorSamples.length > 0) console.log(`  concurrency ${n}: errors such as ${figures.errorSamples.join('; ')}`);
    const added = figures.added.map((gap) => Math.max(0, gap));
    const limit = n <= 200 ? 30 : 100;
    // Latency measured with fewer than N open is not N streams' latency: it cannot pass.
    const held = level.allStarted !== undefined && level.minOpen >= n;
    const open = held ? '' : ` (only ${level.minOpen} of ${n} open)`;
    const row = (name: string, unit: string, value: number) =>
      makeRow({ suite: SUITE, name: `${n} streams: ${name}`, unit, samples: [value] });
    const latency = (name: string, value: number, max: number | undefined) => {
      const measured = row(`${name}${open}`, 'ms', value);
      if (max === undefined) return measured;
      const checked = withLimit(measured, max);
      return held ? checked : { ...checked, pass: false };
    };
    const growth = Math.max(0, (median(level.rssOpen) - level.rssIdle) / Math.max(1, level.minOpen) / 1024);
    rows.push(
      latency('added inter-delta latency p50', percentile(added, 0.5), limit),
      latency('added inter-delta latency p99', percentile(added, 0.99), n <= 1000 ? limit : undefined),
      withLimit(row('errors', 'streams', figures.errors), 0),
      row('streams open at once (fewest while measured)', 'streams', level.minOpen),
      row('first delta p99', 'ms', percentile(figures.firstDelta, 0.99)),
      level.allStarted === undefined
        ? row(`not all had a first delta by the ${level.startDeadline.toFixed(0)} s deadline`, 's', level.startDeadline)
        : row(`seconds until all had a first delta (requests sent over ${level.ramp.toFixed(1)} s)`, 's', level.allStarted),
      row('app RSS while measured', 'MB', median(level.rssOpen) / 2 ** 20),
      withLimit(row('app RSS growth per open stream', 'KB', growth), 100),
      row('app CPU while measured', 'cores', level.cpuCores),
    );
  }
  return rows;
}
