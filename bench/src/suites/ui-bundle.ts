import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { makeRow, withLimit, type BenchOptions, type BenchRow } from '../report.js';

/**
 * What the chat UI costs a page: the styled `@chatwire/react` bundle (markdown inside, React and
 * ReactDOM external) gzipped at level 9, as its own `vite build` makes it, without the chunks it
 * loads on demand (code highlighting, math), which are reported on their own; the standalone
 * `<chatwire-chat>` element (React inside) and its stylesheet; next to them, measured the same way
 * (one minified ES bundle, React external), `@ai-sdk/react`'s `useChat` and assistant-ui's
 * primitives when they are installed. Sizes do not vary from run to run: each is built once and
 * the figure stands for every run.
 */

const SUITE = 'ui-bundle';
/** The budget for the styled UI, JS and CSS together, in kB (1,000 bytes) gzipped. */
const BUDGET_KB = 90;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const REACT_PACKAGE = join(REPO, 'packages/react');
/** Entry files for the other libraries live under the repo's node_modules, so their imports resolve. */
// Inside the bench workspace, so the comparison packages resolve from its own node_modules.
const ENTRY_DIR = join(REPO, 'bench/node_modules/.cache/chatwire-ui-bundle');

const REACT_EXTERNAL = [/^react($|\/)/, /^react-dom($|\/)/];

interface Others {
  name: string;
  /** The package that must be installed for the row. */
  pkg: string;
  source: string;
}

const OTHERS: Others[] = [
  { name: '@ai-sdk/react useChat', pkg: '@ai-sdk/react', source: "export { useChat } from '@ai-sdk/react';\n" },
  {
    name: '@assistant-ui/react primitives',
    pkg: '@assistant-ui/react',
    source:
      "export { AssistantRuntimeProvider, ThreadPrimitive, MessagePrimitive, ComposerPrimitive, ActionBarPrimitive, useLocalRuntime } from '@assistant-ui/react';\n",
  },
];

interface Sizes {
  /** What a page loads up front: the entry chunks and what they import statically. */
  js: number;
  css: number;
  /** Chunks loaded on demand (dynamic `import()`), by name. */
  lazy: Record<string, number>;
}

/** Builds without writing and gzips what came out. */
async function measure(config: InlineConfig): Promise<Sizes> {
  const result = await build({ logLevel: 'silent', ...config, build: { ...config.build, write: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((entry) => ('output' in entry ? entry.output : []));
  const sizes: Sizes = { js: 0, css: 0, lazy: {} };
  for (const file of outputs) {
    const bytes = file.type === 'chunk' ? Buffer.from(file.code) : Buffer.from(file.source);
    const gz = gzipSync(bytes, { level: 9 }).byteLength;
    if (file.fileName.endsWith('.css')) sizes.css += gz;
    else if (file.type === 'chunk' && file.isDynamicEntry && !file.isEntry) sizes.lazy[file.name] = gz;
    else if (file.fileName.endsWith('.js')) sizes.js += gz;
  }
  return sizes;
}

function installed(pkg: string): boolean {
  // Some packages do not export `./package.json`, so look for the folder itself.
  return [join(REPO, 'bench/node_modules', pkg), join(REPO, 'node_modules', pkg)].some((dir) =>
    existsSync(join(dir, 'package.json')),
  );
}

async function measureOther(other: Others): Promise<Sizes> {
  await mkdir(ENTRY_DIR, { recursive: true });
  const entry = join(ENTRY_DIR, `${other.pkg.replace(/[^a-z0-9]+/gi, '-')}.js`);
  await writeFile(entry, other.source);
  return measure({
    root: ENTRY_DIR,
    configFile: false,
    build: {
      outDir: join(ENTRY_DIR, 'out'),
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { external: REACT_EXTERNAL, output: { minify: true } },
    },
  });
}

/** Kilobytes of 1,000 bytes, as bundlers report them (the larger figure of the two conventions). */
const kb = (bytes: number) => bytes / 1000;

export async function uiBundleBench(options: BenchOptions): Promise<BenchRow[]> {
  const runs = (value: number) => Array.from({ length: options.runs }, () => value);
  const row = (name: string, value: number) => makeRow({ suite: SUITE, name, unit: 'kB gz', samples: runs(value) });

  const ours = await measure({ root: REACT_PACKAGE, configFile: join(REACT_PACKAGE, 'vite.config.ts') });
  const total = kb(ours.js + ours.css);
  const rows = [
    withLimit(row('@chatwire/react styled UI, JS + CSS (without on-demand chunks)', total), BUDGET_KB),
    row('@chatwire/react JS only', kb(ours.js)),
  ];
  for (const [name, size] of Object.entries(ours.lazy).sort())
    rows.push(row(`@chatwire/react on-demand chunk: ${name}`, kb(size)));

  const element = await measure({ root: REACT_PACKAGE, configFile: join(REACT_PACKAGE, 'vite.element.config.ts') });
  rows.push(row('<chatwire-chat> standalone (React inside), JS + CSS', kb(element.js + element.css)));

  for (const other of OTHERS) {
    if (!installed(other.pkg)) {
      console.log(`  ${SUITE}: ${other.pkg} is not installed; its row is skipped`);
      continue;
    }
    const sizes = await measureOther(other);
    rows.push(row(other.name, kb(sizes.js + sizes.css)));
  }
  return rows;
}
