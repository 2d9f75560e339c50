import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import root from '../vitest.config.js';

/**
 * The benchmarks' smoke test (`npm run test:bench`): every suite at a tiny size, asserting the
 * figures are real measurements. Not part of `npm test`; `npm run bench` runs them at full size.
 */
export default mergeConfig(
  { resolve: root.resolve },
  defineConfig({
    root: fileURLToPath(new URL('..', import.meta.url)),
    test: {
      name: 'bench',
      include: ['bench/src/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      globalSetup: ['test/build-once.ts'],
      testTimeout: 300_000,
    },
  }),
);
