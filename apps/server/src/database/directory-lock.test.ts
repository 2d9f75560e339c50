import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimLockFile, DirectoryInUseError } from './directory-lock.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwire-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('the data directory lock file', () => {
  it('is taken over from a process that is gone (killed mid-reply), and removed on release', async () => {
    const file = join(dir, 'stale.pid');
    await writeFile(file, `${await deadPid()}\n`);
    const release = await claimLockFile(file);
    expect(await readFile(file, 'utf8')).toBe(`${process.pid}\n`);
    await release();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is refused while the process named in it runs, naming that process', async () => {
    const file = join(dir, 'live.pid');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(file, `${holder.pid}\n`);
      const error = await claimLockFile(file).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DirectoryInUseError);
      expect(error).toMatchObject({ pid: holder.pid });
      expect(await readFile(file, 'utf8')).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('is refused to a second claim from this same process until the first is released', async () => {
    const file = join(dir, 'twice.pid');
    const release = await claimLockFile(file);
    await expect(claimLockFile(file)).rejects.toBeInstanceOf(DirectoryInUseError);
    await release();
    await (
      await claimLockFile(file)
    )();
  });
});
