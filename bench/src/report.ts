/**
 * The shape every benchmark returns, and the table/JSON that `run.ts` makes of it. A suite is a
 * function returning rows; a row compared with a baseline carries the ratio and, when the issue
 * sets one, the target that ratio must reach.
 */

export interface BenchRow {
  /** The suite that produced the row (`pipeline`, `http`, …). */
  suite: string;
  /** What was measured, readable on its own in the table. */
  name: string;
  /** The median of `samples`. */
  value: number;
  unit: string;
  /** Every timed run's figure, in run order. */
  samples: number[];
  baseline?: { name: string; value: number };
  /** `value / baseline.value`. */
  ratio?: number;
  /** The smallest acceptable `ratio`. */
  target?: number;
  /** The largest acceptable `value`, for figures with an absolute budget (milliseconds, write counts). */
  limit?: number;
  pass?: boolean;
}

export interface BenchOptions {
  /** Text deltas in the streamed reply. */
  deltas: number;
  /** Timed runs per measurement; the median is reported. */
  runs: number;
  /** Untimed runs first, so the JIT has settled before timing starts. */
  warmup: number;
  /** Load suites: how many streams at once, one run per count. */
  streams?: number[];
  /** Load suites: how long each stream lasts, in seconds. */
  seconds?: number;
  /** Load suites: new streams opened per second while ramping up. */
  startRate?: number;
}

/**
 * What a run could not measure and why (a peer that does not install or run here), written to the
 * results JSON and printed under the table.
 */
export const NOTES: string[] = [];

export type BenchFn = (options: BenchOptions) => Promise<BenchRow[]>;

export interface Suite {
  name: string;
  run: BenchFn;
}

/** Timed runs per block in `alternate`. */
const BLOCK = 3;

/**
 * Measures workloads against each other: `warmup` runs of each, then short alternating blocks,
 * each block opening with one untimed run, until every workload has `runs` samples. Alternating
 * keeps slow drift (other processes, thermal) from landing on one side only; the untimed opener
 * absorbs the garbage the other workload left behind, which one-by-one interleaving would bill to
 * the wrong side. Each workload does one run and returns its figure.
 */
export async function alternate(
  workloads: Array<() => number | Promise<number>>,
  { runs, warmup }: Pick<BenchOptions, 'runs' | 'warmup'>,
): Promise<number[][]> {
  for (const workload of workloads) for (let i = 0; i < warmup; i++) await workload();
  const samples = workloads.map((): number[] => []);
  while (samples[0]!.length < runs) {
    for (const [w, workload] of workloads.entries()) {
      await workload();
      for (let i = 0; i < BLOCK && samples[w]!.length < runs; i++) samples[w]!.push(await workload());
    }
  }
  return samples;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A row of `samples`, optionally held against `baseline` with a minimum `target` ratio. */
export function makeRow(
  fields: { suite: string; name: string; unit: string; samples: number[] },
  baseline?: BenchRow,
  target?: number,
): BenchRow {
  const row: BenchRow = { ...fields, value: median(fields.samples) };
  if (baseline) {
    row.baseline = { name: baseline.name, value: baseline.value };
    row.ratio = row.value / baseline.value;
    if (target !== undefined) {
      row.target = target;
      row.pass = row.ratio >= target;
    }
  }
  return row;
}

/** `row` held to an absolute budget: it passes when its value is at most `limit`. */
export function withLimit(row: BenchRow, limit: number): BenchRow {
  return { ...row, limit, pass: row.value <= limit };
}

function figure(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/**
 * A plain-text table: name, figure, unit, baseline, ratio, target, result. With `noisy` (the
 * machine was busy), results read `pass?`/`FAIL?`: a verdict from a loaded machine is a guess.
 */
export function formatTable(rows: BenchRow[], { noisy = false }: { noisy?: boolean } = {}): string {
  const header = ['benchmark', 'figure', 'unit', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((row) => [
    `${row.suite}: ${row.name}`,
    figure(row.value),
    row.unit,
    row.baseline ? `${figure(row.baseline.value)} (${row.baseline.name})` : '',
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.target !== undefined
      ? `≥ ${row.target.toFixed(2)}×`
      : row.limit !== undefined
        ? `≤ ${figure(row.limit)} ${row.unit}`
        : '',
    row.pass === undefined ? '' : `${row.pass ? 'pass' : 'FAIL'}${noisy ? '?' : ''}`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const numeric = new Set([1, 4]);
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
