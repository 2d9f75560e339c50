// @ts-check
import tseslint from 'typescript-eslint';
import chatwire from './tools/eslint/plugin.js';

/**
 * Lint rules that catch real bugs and keep the architecture honest; formatting is Prettier's
 * (`npm run format`). Type-aware: one program over the whole repository (tsconfig.eslint.json).
 */
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'e2e/artifacts/**',
      'bench/results/**',
      '.chatwire/**',
      'apps/*/.next/**',
      'apps/next-example/next-env.d.ts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, chatwire },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Promises: none dropped by accident, none where a callback returns void, none awaited that are not.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      // A rejection may pass on what a library threw, unchanged.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Types: imports of types say so (verbatimModuleSyntax), no `any`, no assertion that changes nothing.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The import graph: no cycles (type-only imports included), one import per module.
      'chatwire/no-import-cycles': 'error',
      'no-duplicate-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The Next.js example has its own compiler settings (bundler resolution, `@/` paths).
    files: ['apps/next-example/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { project: './apps/next-example/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Library code logs through an injected logger, never the console.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The portable core: Web APIs only, so it runs on edge runtimes, in workers and in browsers.
    files: [
      'packages/protocol/src/**/*.ts',
      'packages/server/src/**/*.ts',
      'packages/client/src/**/*.ts',
      'packages/react/src/**/*.{ts,tsx}',
      'packages/next/src/**/*.ts',
      // @chatwire/auth/web and what it exports.
      'packages/auth/src/{web,cookies,errors,verifier-config}.ts',
    ],
    ignores: [
      '**/*.test.{ts,tsx}',
      '**/test-support/**',
      'packages/server/src/adapters/node.ts',
      'packages/server/src/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The core uses Web APIs only; Node code goes in an adapter.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array and TextEncoder/TextDecoder.' },
        { name: 'process', message: 'The core does not read the process; take options.' },
      ],
    },
  },
);
