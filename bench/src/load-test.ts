import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { newFigures, pacedStream } from './e2e/paced-client.js';
import { percentile } from './suites/concurrency.js';

/**
 * `npm run load-test -- --url <base> --token <jwt> --streams N --duration S`: a bounded load test of
 * a running Chatwire (yours, or one on this machine). N conversations stream at once for S seconds:
 * each sends `threads.create` to `<base>/chatkit` and reads the reply to its end, then starts the
 * next (a second after an error), until the time is up; then every open stream is cut and the
 * figures printed: replies,
 * errors, time to first delta, the gap between deltas as the client saw it, deltas a second. It
 * stops by itself: at most 5,000 streams and 600 s. Tokens: `--token` (one user, so the server's
 * per-user stream cap and rate limit apply) or `--tokens-file` (one per line, used in turn: a user
 * each). Plain `http:` only (put it on the deployment's own network or a loopback port-forward).
 */

const MAX_STREAMS = 5_000;
const MAX_SECONDS = 600;

function bounded(name: string, value: string | undefined, fallback: number, max: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} wants a whole number from 1 to ${max}, got ${value}`);
  return n;
}

async function tokensFrom(token: string | undefined, file: string | undefined): Promise<string[]> {
  if (file !== undefined) {
    const tokens = (await readFile(file, 'utf8'))
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (tokens.length === 0) throw new Error(`${file} holds no tokens`);
    return tokens;
  }
  if (token === undefined) throw new Error('Give --token <jwt> or --tokens-file <file>');
  return [token];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'tokens-file': { type: 'string' },
      streams: { type: 'string' },
      duration: { type: 'string' },
      'start-rate': { type: 'string' },
      message: { type: 'string' },
    },
  });
  const base = new URL(values.url ?? 'http://127.0.0.1:8787');
  if (base.protocol !== 'http:') throw new Error(`--url must be an http: URL, got ${base.protocol}`);
  const streams = bounded('streams', values.streams, 10, MAX_STREAMS);
  const seconds = bounded('duration', values.duration, 30, MAX_SECONDS);
  const startRate = bounded('start-rate', values['start-rate'], 20, 1_000);
  const tokens = await tokensFrom(values.token, values['tokens-file']);
  const body = JSON.stringify({
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: values.message ?? 'Write me a long answer.' }],
        attachments: [],
        inference_options: {},
      },
    },
  });
  const url = new URL('chatkit', base.href.endsWith('/') ? base : `${base.href}/`).href;
  console.log(`Load test: ${streams} streams for ${seconds} s against ${url} (${tokens.length} token(s))`);

  const figures = newFigures();
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const cut = new AbortController();
  setMaxListeners(MAX_STREAMS, cut.signal);
  const started = performance.now();
  const end = started + seconds * 1000;
  let replies = 0;
  const inWindow = () => true;
  const conversation = async (i: number) => {
    await sleep((i * 1000) / startRate);
    const headers = { authorization: `Bearer ${tokens[i % tokens.length]!}` };
    while (performance.now() < end && !cut.signal.aborted) {
      const whole = await pacedStream({ url, body, headers, agent, inWindow, signal: cut.signal }, figures);
      if (cut.signal.aborted) break;
      if (whole) replies += 1;
      // A refused or failed request waits a second before the next, so a refusal is not a tight loop.
      else await sleep(1000);
    }
  };
  const all = Promise.all(Array.from({ length: streams }, (_, i) => conversation(i)));
  const timer = setTimeout(() => cut.abort(), seconds * 1000);
  const progress = setInterval(
    () =>
      console.log(
        `  ${Math.round((performance.now() - started) / 1000)} s: ${figures.open} open, ${replies} replies, ${figures.errors} errors`,
      ),
    5_000,
  );
  await all;
  clearTimeout(timer);
  clearInterval(progress);
  agent.destroy();

  const elapsed = (performance.now() - started) / 1000;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\nreplies completed      ${replies}`);
  console.log(
    `errors                 ${figures.errors}${figures.errorSamples.length ? ` (${figures.errorSamples.join('; ')})` : ''}`,
  );
  console.log(`first delta p50 / p99  ${ms(percentile(figures.firstDelta, 0.5))} / ${ms(percentile(figures.firstDelta, 0.99))}`);
  console.log(`delta gap p50 / p99    ${ms(percentile(figures.gaps, 0.5))} / ${ms(percentile(figures.gaps, 0.99))}`);
  console.log(`deltas a second        ${Math.round(figures.deltas / elapsed)}`);
  process.exitCode = figures.errors > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
