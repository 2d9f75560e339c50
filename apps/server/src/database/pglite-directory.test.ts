import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePgliteDirectory } from './pglite-directory.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwire-pglite-dir-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('preparing the embedded database directory', () => {
  it('refuses a directory that holds files but no database, naming it, and leaves the files alone', async () => {
    const target = join(dir, 'pglite');
    await mkdir(target);
    await writeFile(join(target, 'notes.txt'), 'mine');
    await expect(preparePgliteDirectory(target)).rejects.toThrow(`${target} holds files but no database`);
    expect(await readdir(target)).toEqual(['notes.txt']);
    expect(await readdir(dir)).toEqual(['pglite']);
  });

  it('leaves a directory that already holds a database as it is', async () => {
    const target = join(dir, 'existing');
    await mkdir(target);
    await writeFile(join(target, 'PG_VERSION'), '18\n');
    await preparePgliteDirectory(target);
    expect(await readdir(target)).toEqual(['PG_VERSION']);
  });
});
