import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Three tiers, one run (`npm test`):
 * - unit: one package at a time, in-process (the React UI under happy-dom), no build needed;
 * - integration: the app, real databases (PGlite; Postgres when TEST_DATABASE_URL is set), the
 *   app as a process, packed tarballs;
 * - browser: Chromium against the built app.
 * The tiers that run compiled code share one global setup that builds the workspace once.
 * `npm test -- --project unit` runs one tier. Benchmarks have their own config (bench/vitest.config.ts).
 */

const INTEGRATION = ['apps/*/src/**/*.test.ts', 'packages/postgres/src/**/*.test.ts'];

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of every workspace package.
    alias: [
      { find: /^@chatwire\/server\/testing$/, replacement: pkg('server/src/testing/index.ts') },
      { find: /^@chatwire\/server\/node$/, replacement: pkg('server/src/adapters/node.ts') },
      { find: /^@chatwire\/auth\/web$/, replacement: pkg('auth/src/web.ts') },
      { find: /^@chatwire\/postgres\/(pg|pglite)$/, replacement: pkg('postgres/src/drivers/$1.ts') },
      { find: /^@chatwire\/test-support\/([a-z-]+)$/, replacement: pkg('test-support/src/$1.ts') },
      { find: /^@chatwire\/([a-z-]+)$/, replacement: pkg('$1/src/index.ts') },
    ],
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    // Most test files wait on sockets, processes, databases and a browser rather than the CPU, so a
    // small machine runs more files than it has cores (on 2 cores: 3 at once, 223 s → 129 s).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'tools/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', ...INTEGRATION],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['test/build-once.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['test/chromium-check.ts', 'test/build-once.ts'],
        },
      },
    ],
  },
});
