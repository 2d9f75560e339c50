import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formatTable, NOTES, type BenchOptions, type BenchRow } from './report.js';
import { SUITES } from './registry.js';

/**
 * `npm run bench`: runs every registered suite in this one process, prints a table and writes
 * `bench/results/<timestamp>.json` and `bench/results/latest.json`. A missed target is reported
 * loudly but still exits 0; a suite that crashes makes the run exit 1 (after the others ran).
 *
 * Options: --deltas N, --runs N, --warmup N, --only name[,name…]; for the load suites
 * --streams N[,N…] (streams at once, one run per count), --duration S (seconds measured) and
 * --start-rate N (new streams a second while ramping up).
 */

const DEFAULTS: BenchOptions = { deltas: 10_000, runs: 15, warmup: 5 };

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || (name !== 'warmup' && n === 0))
    throw new Error(`--${name} wants a positive integer, got ${value}`);
  return n;
}

/**
 * Other work on the machine skews every figure (on a loaded machine a ratio can pass or fail by
 * chance); say so rather than let a noisy run pass as real. `allowance` is the load this run
 * itself adds (about one busy core while it runs). Returns whether the machine was busy.
 */
function warnIfBusy(load: number, allowance: number): boolean {
  const cores = cpus().length;
  if (load <= cores * 0.5 + allowance) return false;
  console.log(`!!! The machine is busy (1-minute load ${load.toFixed(2)} on ${cores} cores): these figures are noisy.`);
  return true;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      deltas: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      streams: { type: 'string' },
      duration: { type: 'string' },
      'start-rate': { type: 'string' },
    },
  });
  const options: BenchOptions = {
    deltas: wholeNumber('deltas', values.deltas, DEFAULTS.deltas),
    runs: wholeNumber('runs', values.runs, DEFAULTS.runs),
    warmup: wholeNumber('warmup', values.warmup, DEFAULTS.warmup),
    ...(values.streams !== undefined && { streams: values.streams.split(',').map((n) => wholeNumber('streams', n, 0)) }),
    ...(values.duration !== undefined && { seconds: wholeNumber('duration', values.duration, 0) }),
    ...(values['start-rate'] !== undefined && { startRate: wholeNumber('start-rate', values['start-rate'], 0) }),
  };
  const only = values.only?.split(',');
  const suites = only ? SUITES.filter((suite) => only.includes(suite.name)) : SUITES;
  if (suites.length === 0) throw new Error(`No suite named ${values.only}; known: ${SUITES.map((s) => s.name).join(', ')}`);

  const startedAt = new Date();
  const started = performance.now();
  const rows: BenchRow[] = [];
  const crashes: { suite: string; error: string }[] = [];
  const loadBefore = loadavg()[0]!;
  console.log(`Chatwire benchmarks: ${options.deltas} deltas, median of ${options.runs} runs after ${options.warmup} warmup\n`);
  const busyBefore = warnIfBusy(loadBefore, 0);
  for (const suite of suites) {
    const t0 = performance.now();
    try {
      rows.push(...(await suite.run(options)));
      console.log(`  ${suite.name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      crashes.push({ suite: suite.name, error: message });
      console.error(`  ${suite.name}: CRASHED\n${message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg()[0]!;
  const noisy = busyBefore || warnIfBusy(loadAfter, 1);

  console.log(`\n${formatTable(rows, { noisy })}\n`);
  const missed = rows.filter((row) => row.pass === false);
  for (const row of missed) {
    console.log(
      row.limit !== undefined
        ? `!!! TARGET MISSED: ${row.suite}: ${row.name} is ${row.value} ${row.unit}, limit ≤ ${row.limit} ${row.unit}`
        : `!!! TARGET MISSED: ${row.suite}: ${row.name} is ${row.ratio?.toFixed(2)}× ${row.baseline?.name}, target ≥ ${row.target?.toFixed(2)}×`,
    );
  }
  for (const note of NOTES) console.log(`Note: ${note}`);
  if (missed.length === 0 && crashes.length === 0) console.log('All targets met.');
  if (noisy) console.log('!!! The machine was busy: rerun on an idle machine before trusting any pass or FAIL above.');
  console.log(`Total ${seconds.toFixed(1)} s.`);

  const report = {
    startedAt: startedAt.toISOString(),
    seconds,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    noisy,
    options,
    rows,
    notes: NOTES,
    crashes,
  };
  const dir = new URL('../results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const stamp = startedAt.toISOString().replaceAll(':', '-').replace('.', '-');
  await writeFile(new URL(`${stamp}.json`, dir), json);
  await writeFile(new URL('latest.json', dir), json);
  console.log(`Wrote bench/results/${stamp}.json and bench/results/latest.json`);
  return crashes.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
