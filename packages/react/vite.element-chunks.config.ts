import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The standalone element's on-demand halves, as ES modules beside `chatwire.js`. */
export default defineConfig({
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: false,
    sourcemap: false,
    lib: {
      entry: {
        'chatwire-highlighter': here('src/markdown/highlighter.ts'),
        'chatwire-math': here('src/markdown/math-render.ts'),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: { output: { minify: true } },
  },
});
