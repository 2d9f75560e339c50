import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { alternate, makeRow, withLimit, type BenchOptions, type BenchRow } from '../report.js';

/**
 * The chat UI in real Chromium, on the page `bench/ui/` builds (React production build,
 * `@chatwire/react` with its styles, and an in-page ChatKit backend, so what is timed is the
 * UI, not a network):
 *
 * - first render of a long thread: from mounting `<ChatKit/>` on it to its last item being in
 *   the DOM, next to the floor of the same answer fetched, parsed and shown as plain `<div>`s;
 * - a reply streamed at 100 deltas a second for about 5 s into that thread: how many rows other
 *   than the streaming one (and how often the thread list, header or composer) rendered, counted
 *   with React's DevTools hook, and the long tasks (over 50 ms) meanwhile.
 *
 * Without Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`) the suite says so and returns
 * no rows.
 */

const SUITE = 'ui-render';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE_ENTRY = join(REPO, 'bench/ui/main.tsx');
const ORIGIN = 'http://ui-render.bench';

const MAX_ITEMS = 1_000;
const DELTAS_PER_SECOND = 100;
/** About 5 s of streaming. */
const MAX_STREAM_DELTAS = 500;
/** Page loads are slow next to the other suites' runs: cap them so the suite stays near a minute. */
const MAX_RUNS = 5;
const MAX_WARMUP = 1;
/** The budget: no task over 50 ms while a reply streams. */
const LONG_TASK_MS = 50;

interface StreamResult {
  deltas: number;
  ms: number;
  streamingRowRenders: number;
  otherRowRenders: string[];
  otherRenders: string[];
  longTasks: number[];
  longestFrameMs: number;
}

/** What `bench/ui/main.tsx` puts on `window`. */
interface UiBench {
  renderChat(count: number): Promise<number>;
  renderPlain(count: number): Promise<number>;
  /** `countRenders` 1: record renders (the fiber walk this takes slows every commit); 0: time tasks only. */
  stream(count: number, deltas: number, perSecond: number, countRenders: 0 | 1): Promise<StreamResult>;
}

/** Builds the bench page in memory: file name → contents, plus the HTML that loads them. */
async function buildPage(): Promise<Map<string, { body: Buffer; type: string }>> {
  const here = (path: string) => join(REPO, path);
  const result = await build({
    logLevel: 'silent',
    configFile: false,
    root: here('bench/ui'),
    // React's production build, whatever NODE_ENV the caller runs under (vitest sets `test`).
    mode: 'production',
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: {
      alias: [
        { find: /^@chatwire\/react\/styles\.css$/, replacement: here('packages/react/src/styles.css') },
        { find: /^@chatwire\/(protocol|client|react)$/, replacement: here('packages/$1/src/index.ts') },
      ],
    },
    oxc: { jsx: { runtime: 'automatic', development: false } },
    build: {
      write: false,
      sourcemap: false,
      lib: { entry: PAGE_ENTRY, formats: ['es'], fileName: () => 'main.js', cssFileName: 'main' },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const output of (Array.isArray(result) ? result : [result]).flatMap((entry) => ('output' in entry ? entry.output : []))) {
    const body = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
    files.set(`/${output.fileName}`, { body, type: output.fileName.endsWith('.css') ? 'text/css' : 'text/javascript' });
  }
  const css = [...files.keys()].filter((name) => name.endsWith('.css')).map((name) => `<link rel="stylesheet" href="${name}">`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ui-render</title>${css.join('')}</head><body style="margin:0"><div id="root" style="height:100vh"></div><script type="module" src="/main.js"></script></body></html>`;
  files.set('/', { body: Buffer.from(html), type: 'text/html' });
  return files;
}

async function openContext(browser: Browser, files: Map<string, { body: Buffer; type: string }>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' });
  await context.route(`${ORIGIN}/**`, (route) => {
    const file = files.get(new URL(route.request().url()).pathname);
    return file ? route.fulfill({ body: file.body, contentType: file.type }) : route.fulfill({ status: 404 });
  });
  return context;
}

export async function uiRenderBench(options: BenchOptions): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`  ${SUITE}: SKIPPED, no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH or apt-get install -y chromium)`);
    return [];
  }
  // The full run (10,000 deltas) gets the sizes; the test suite's tiny run a small thread and a short stream.
  const items = Math.min(MAX_ITEMS, Math.max(20, Math.floor(options.deltas / 10)));
  const deltas = Math.min(MAX_STREAM_DELTAS, Math.max(10, Math.floor(options.deltas / 20)));
  const runs = { runs: Math.min(options.runs, MAX_RUNS), warmup: Math.min(options.warmup, MAX_WARMUP) };

  const files = await buildPage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await openContext(browser, files);
    const page = await context.newPage();
    /** Loads the page afresh and calls `uiBench[method](...args)` inside it. */
    const inFreshPage = async <M extends keyof UiBench>(
      method: M,
      ...args: Parameters<UiBench[M]>
    ): Promise<Awaited<ReturnType<UiBench[M]>>> => {
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction(() => 'uiBench' in window);
      const result: unknown = await page.evaluate(
        ([name, values]) => {
          const bench = (window as unknown as { uiBench: Record<string, (...a: number[]) => Promise<unknown>> }).uiBench;
          return bench[name]!(...values);
        },
        [method, args as number[]] as const,
      );
      return result as Awaited<ReturnType<UiBench[M]>>;
    };

    const [chatMs, plainMs] = await alternate(
      [() => inFreshPage('renderChat', items), () => inFreshPage('renderPlain', items)],
      runs,
    );
    const label = `${items.toLocaleString('en-US')}-item thread`;
    const floor = makeRow({
      suite: SUITE,
      name: `first render of a ${label}, plain <div>s of text (floor)`,
      unit: 'ms',
      samples: plainMs!,
    });
    const chat = makeRow(
      {
        suite: SUITE,
        name: `first render of a ${label}, <ChatKit/> (mount to last item in the DOM, laid out)`,
        unit: 'ms',
        samples: chatMs!,
      },
      floor,
    );

    // Two streams of a few seconds each, one counting renders and one timing tasks without the
    // counting's overhead; their figures are counts and maxima, not timings that want a median.
    const counted = await inFreshPage('stream', items, deltas, DELTAS_PER_SECOND, 1);
    const timed = await inFreshPage('stream', items, deltas, DELTAS_PER_SECOND, 0);
    await context.close();
    // Zero renders of other rows means something only if the count saw the streaming row render.
    if (counted.streamingRowRenders === 0)
      throw new Error('The render count saw no render of the streaming row: React did not report its commits');

    const streamLabel = `${DELTAS_PER_SECOND} deltas/s stream (${deltas} deltas) into the ${label}`;
    const others = [...new Set([...counted.otherRowRenders, ...counted.otherRenders])];
    if (others.length > 0)
      console.log(`  ${SUITE}: rendered during the stream besides the streaming row: ${others.slice(0, 8).join(', ')}`);
    if (timed.longTasks.length > 0)
      console.log(`  ${SUITE}: long tasks during the stream (ms): ${timed.longTasks.map((d) => d.toFixed(0)).join(', ')}`);
    const streamRow = (name: string, unit: string, value: number) =>
      makeRow({ suite: SUITE, name: `${streamLabel}: ${name}`, unit, samples: [value] });
    return [
      floor,
      chat,
      streamRow('streaming row renders per delta', 'renders', counted.streamingRowRenders / counted.deltas),
      withLimit(
        streamRow(
          'rows re-rendered per delta other than the streaming one',
          'renders',
          counted.otherRowRenders.length / counted.deltas,
        ),
        0,
      ),
      withLimit(
        streamRow('thread list, header and composer renders per delta', 'renders', counted.otherRenders.length / counted.deltas),
        0,
      ),
      withLimit(streamRow(`tasks over ${LONG_TASK_MS} ms`, 'tasks', timed.longTasks.length), 0),
      withLimit(streamRow(`longest task over ${LONG_TASK_MS} ms (0: none)`, 'ms', Math.max(0, ...timed.longTasks)), LONG_TASK_MS),
      streamRow('longest gap between animation frames', 'ms', timed.longestFrameMs),
      streamRow('first delta sent to last delta shown', 's', timed.ms / 1000),
    ];
  } finally {
    await browser.close();
  }
}
