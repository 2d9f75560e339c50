import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
/** The app's own origin in development (`npm start`), for the dev server's proxy. */
const APP = process.env.CHATWIRE_APP_URL ?? 'http://127.0.0.1:8787';

/**
 * The chat page at `/`: `npm run build:web` writes it to `apps/server/dist/public/`, which the
 * app serves. `npm run dev:web` serves it with hot reload and forwards the API to a running app
 * (start it with `CHATWIRE_ALLOWED_ORIGINS=http://localhost:5173`: the browser's requests carry
 * the dev server's origin). The workspace packages are read from their sources, so no package
 * build is needed first.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // The standalone <chatwire-chat> (`npm run build -w @chatwire/react`), served beside the page at
  // `/chatwire.js`, `/chatwire.css` and the chunks those load on demand.
  publicDir: repo('packages/react/dist/standalone'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@chatwire/react/styles.css', replacement: repo('packages/react/src/styles.css') },
      { find: /^@chatwire\/(protocol|client|react)$/, replacement: repo('packages/$1/src/index.ts') },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/public/', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The app's content security policy allows no inline code.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/chatkit': { target: APP, changeOrigin: true }, '/auth': { target: APP, changeOrigin: true } },
  },
});
