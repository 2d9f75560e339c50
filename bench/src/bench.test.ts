import { describe, expect, it } from 'vitest';
import { parseSse } from '@chatwire/server/testing';
import { formatTable, makeRow, median, withLimit, type BenchRow } from './report.js';
import { SUITES } from './registry.js';
import { checkPipelineBytes } from './suites/pipeline.js';
import { deltaText, LEADING_EVENTS, replyEventCount, replyThroughHandle } from './suites/reply.js';

/** Two timed runs, so each figure is a median of real samples; small enough to finish in seconds. */
const TINY = { deltas: 200, runs: 2, warmup: 0, streams: [3], seconds: 4 };

function expectWellFormed(row: BenchRow): void {
  expect(row.name).not.toBe('');
  expect(row.unit).not.toBe('');
  expect(row.samples.length).toBeGreaterThan(0);
  expect(row.samples.length).toBeLessThanOrEqual(TINY.runs);
  // The figure is measured: the median of its own samples, each a finite number.
  for (const sample of row.samples) expect(Number.isFinite(sample) && sample >= 0).toBe(true);
  expect(row.value).toBe(median(row.samples));
  // A count held to a budget of 0 (re-renders, long tasks) is well formed at 0; any other figure is positive.
  expect(Number.isFinite(row.value) && (row.value > 0 || (row.value === 0 && row.limit !== undefined))).toBe(true);
  if (row.baseline) {
    expect(row.ratio).toBeCloseTo(row.value / row.baseline.value, 10);
    if (row.target !== undefined) expect(row.pass).toBe(row.ratio! >= row.target);
  } else {
    expect(row.ratio).toBeUndefined();
    expect(row.target).toBeUndefined();
  }
}

describe('benchmarks at a tiny size', () => {
  it.each(SUITES.map((suite) => [suite.name, suite] as const))(
    'the %s suite runs and returns well-formed rows',
    async (_name, suite) => {
      const rows = await suite.run(TINY);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.suite).toBe(suite.name);
        expectWellFormed(row);
      }
      // Every comparison names a row of the same suite as its baseline.
      for (const row of rows.filter((r) => r.baseline))
        expect(rows.some((r) => r.name === row.baseline!.name && !r.baseline)).toBe(true);
    },
    300_000,
  ); // Some suites start processes or databases even at a tiny size (a first PGlite start alone can take 30 s on a busy machine).

  it('handle() sends the floor bytes exactly, after thread.created, the user message and stream_options', async () => {
    const checked = await checkPipelineBytes(TINY.deltas);
    expect(checked.events).toBe(replyEventCount(TINY.deltas) + LEADING_EVENTS);
    expect(checked.bytes).toBeGreaterThan(checked.replyBytes);
  });

  it('the benchmark reply is a valid protocol stream carrying every delta', async () => {
    const chunks: Uint8Array[] = [];
    await replyThroughHandle(TINY.deltas, chunks);
    const events = parseSse(Buffer.concat(chunks).toString('utf8'));
    expect(events.map((event) => event.type).slice(0, 5)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
    ]);
    const last = events.at(-1);
    const expectedText = Array.from({ length: TINY.deltas }, (_, i) => deltaText(i)).join('');
    expect(
      last?.type === 'thread.item.done' && last.item.type === 'assistant_message' ? last.item.content[0]?.text : undefined,
    ).toBe(expectedText);
  });
});

describe('the results table', () => {
  it('shows the median, the ratio to the baseline and FAIL for a missed target', () => {
    const floor = makeRow({ suite: 's', name: 'floor', unit: 'events/s', samples: [100, 300, 200] });
    const slow = makeRow({ suite: 's', name: 'slow', unit: 'events/s', samples: [50, 90, 80] }, floor, 0.5);
    expect(floor.value).toBe(200);
    expect(slow).toMatchObject({ value: 80, ratio: 0.4, target: 0.5, pass: false });
    const lines = formatTable([floor, slow]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/s: slow\s+80\.0\s+events\/s\s+200 \(floor\)\s+0\.40×\s+≥ 0\.50×\s+FAIL$/);
  });

  it('marks every verdict as uncertain when the machine was busy', () => {
    const floor = makeRow({ suite: 's', name: 'floor', unit: 'events/s', samples: [100] });
    const fast = makeRow({ suite: 's', name: 'fast', unit: 'events/s', samples: [90] }, floor, 0.5);
    expect(formatTable([floor, fast], { noisy: true }).split('\n')[3]).toMatch(/pass\?$/);
    expect(formatTable([floor, fast]).split('\n')[3]).toMatch(/pass$/);
  });

  it('holds a row with an absolute budget to it: ≤ limit, FAIL when the median is over', () => {
    const slow = withLimit(makeRow({ suite: 's', name: 'page read', unit: 'ms', samples: [4, 7, 6] }), 5);
    const fast = withLimit(makeRow({ suite: 's', name: 'writes', unit: 'writes', samples: [1] }), 2);
    expect(slow).toMatchObject({ value: 6, limit: 5, pass: false });
    expect(fast).toMatchObject({ value: 1, limit: 2, pass: true });
    const lines = formatTable([slow, fast]).split('\n');
    expect(lines[2]).toMatch(/s: page read\s+6\.00\s+ms\s+≤ 5\.00 ms\s+FAIL$/);
    expect(lines[3]).toMatch(/s: writes\s+1\.00\s+writes\s+≤ 2\.00 writes\s+pass$/);
  });
});
