import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `vite build` here makes the distributable bundle: `dist/chatwire-react.js`, one minified ES
 * module with markdown and highlighting inside and React/ReactDOM left to the host page, and
 * `dist/styles.css`. The workspace packages it uses are read from their sources.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^@chatwire\/(protocol|client)$/, replacement: here('../$1/src/index.ts') }],
  },
  build: {
    // Beside the `tsc` output, so the package's `./styles.css` export resolves.
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: here('bundle-entry.ts'), formats: ['es'], fileName: () => 'chatwire-react.js', cssFileName: 'styles' },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/],
      // Fully minified (Vite leaves whitespace in ES libraries): the size a page actually ships.
      output: { minify: true, chunkFileNames: 'chatwire-react-[name].js' },
    },
  },
});
