import { builtinModules } from 'node:module';
import { build, type Plugin } from 'vite';

/**
 * Bundles a package entry the way an edge runtime gets it: one IIFE script for a browser-like
 * platform (defining the global `name`), with no Node polyfills, and failing on any import of a
 * Node builtin instead of Vite's empty browser stub. Tests evaluate the result in `@edge-runtime/vm`.
 */

const NODE_BUILTINS = new Set(builtinModules);

/** Fails the build on any import of a Node builtin. */
export const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id.startsWith('node:') || NODE_BUILTINS.has(id.split('/')[0]!)) {
      this.error(`${importer ?? 'the entry'} imports the Node builtin ${id}`);
    }
    return null;
  },
};

export interface EdgeBundleOptions {
  /** The global the script defines. */
  name: string;
  /** Workspace packages to take from their sources: `{ find, replacement }` as Vite's `resolve.alias`. */
  aliases?: { find: RegExp; replacement: string }[];
  /** More plugins (a virtual module to show the refusal works, say). */
  plugins?: Plugin[];
}

export async function bundleForEdge(entry: string, { name, aliases = [], plugins = [] }: EdgeBundleOptions): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins, ...plugins],
    resolve: { alias: aliases },
    build: {
      rolldownOptions: { output: { comments: false } },
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name, fileName: 'edge-bundle' },
    },
  });
  const [result] = Array.isArray(output) ? output : [output];
  if (!result || !('output' in result)) throw new Error('vite build produced no output');
  const [chunk] = result.output;
  if (chunk?.type !== 'chunk') throw new Error('vite build produced no chunk');
  return chunk.code;
}
