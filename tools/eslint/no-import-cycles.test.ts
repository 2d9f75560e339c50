import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import chatwire from './plugin.js';

const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Lints a throwaway project of `files` with only the cycle rule on; returns each file's messages. */
async function lint(files: Record<string, string>): Promise<Record<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'chatwire-cycles-'));
  dirs.push(dir);
  const tsconfig = {
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true },
    include: ['*.ts'],
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { chatwire },
        rules: { 'chatwire/no-import-cycles': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(Object.keys(files));
  return Object.fromEntries(
    results.map((result) => [result.filePath.slice(dir.length + 1), result.messages.map((m) => m.message)]),
  );
}

describe('chatwire/no-import-cycles', () => {
  it('reports every file of a cycle made only of type imports, naming the path back to it', async () => {
    const messages = await lint({
      'a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
      'b.ts': "import type { C } from './c.js';\nexport interface B { c?: C }\n",
      'c.ts': "import type { A } from './a.js';\nexport interface C { a?: A }\n",
    });
    expect(messages['a.ts']).toEqual([expect.stringMatching(/^Import cycle: .*a\.ts → .*b\.ts → .*c\.ts → .*a\.ts$/)]);
    expect(messages['b.ts']).toHaveLength(1);
    expect(messages['c.ts']).toHaveLength(1);
  });

  it('follows re-exports and dynamic imports, and leaves files outside the cycle alone', async () => {
    const messages = await lint({
      'index.ts': "export { one } from './one.js';\n",
      'one.ts': "export const one = 1;\nexport const load = () => import('./two.js');\n",
      'two.ts': "import { one } from './index.js';\nexport const two = one + 1;\n",
      'leaf.ts': "import { two } from './two.js';\nexport const three = two + 1;\n",
    });
    expect(messages['index.ts']).toHaveLength(1);
    expect(messages['two.ts']).toEqual([expect.stringMatching(/two\.ts → .*index\.ts → .*one\.ts → .*two\.ts$/)]);
    expect(messages['leaf.ts']).toEqual([]);
  });

  it('is silent for an import graph without cycles', async () => {
    const messages = await lint({
      'types.ts': 'export interface Item { id: string }\n',
      'store.ts': "import type { Item } from './types.js';\nexport const items: Item[] = [];\n",
      'main.ts':
        "import { items } from './store.js';\nimport type { Item } from './types.js';\nexport const first: Item | undefined = items[0];\n",
    });
    expect(Object.values(messages).flat()).toEqual([]);
  });
});
