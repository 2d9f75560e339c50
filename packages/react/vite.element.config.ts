import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The standalone `<chatwire-chat>`: `dist/standalone/chatwire.js`, one classic script (IIFE) with
 * React and ReactDOM inside, and `dist/standalone/chatwire.css`. Highlighting and math are not in
 * it: `markdown/chunks.ts` is swapped for `element/standalone-chunks.ts`, which loads them from
 * beside the script (`vite.element-chunks.config.ts` builds those). The widget views, which use
 * React, are inside it: `widgets/widget-chunk.ts` is swapped for `element/standalone-widget-chunk.ts`.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@chatwire\/(protocol|client)$/, replacement: here('../$1/src/index.ts') },
      { find: /^\.\/chunks\.js$/, replacement: here('src/element/standalone-chunks.ts') },
      { find: /^\.\.\/widgets\/widget-chunk\.js$/, replacement: here('src/element/standalone-widget-chunk.ts') },
    ],
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: false,
    sourcemap: false,
    lib: {
      entry: here('src/element/standalone-entry.ts'),
      name: 'Chatwire',
      formats: ['iife'],
      fileName: () => 'chatwire.js',
      cssFileName: 'chatwire',
    },
    rolldownOptions: { output: { minify: true } },
  },
});
