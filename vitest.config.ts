import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of every workspace package, so no build is needed first.
    alias: [
      { find: /^@chatwire\/server\/testing$/, replacement: pkg('server/src/testing/index.ts') },
      { find: /^@chatwire\/server\/node$/, replacement: pkg('server/src/adapters/node.ts') },
      { find: /^@chatwire\/postgres\/(pg|pglite)$/, replacement: pkg('postgres/src/drivers/$1.ts') },
      { find: /^@chatwire\/test-support\/([a-z-]+)$/, replacement: pkg('test-support/src/$1.ts') },
      { find: /^@chatwire\/([a-z-]+)$/, replacement: pkg('$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'apps/*/src/**/*.test.ts', 'bench/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
  },
});
