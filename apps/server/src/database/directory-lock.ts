import { readFile, unlink, writeFile } from 'node:fs/promises';

/** A second process on a directory that is already in use. */
export class DirectoryInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `${lockFile} says process ${pid} is using the embedded database; stop it first (or delete the file if no Chatwire is running)`,
    );
    this.name = 'DirectoryInUseError';
  }
}

/** Lock files this process holds (a file naming our own pid may be left by a killed predecessor in a container). */
const held = new Set<string>();

/**
 * Claims `lockFile` (a pid file) for this process and returns its release. A file naming a
 * process that no longer runs (killed, crashed) is taken over; one naming a live process, or
 * held by this one already, is a `DirectoryInUseError`.
 */
export async function claimLockFile(lockFile: string): Promise<() => Promise<void>> {
  if (held.has(lockFile)) throw new DirectoryInUseError(lockFile, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      held.add(lockFile);
      return async () => {
        if (!held.delete(lockFile)) return;
        if ((await holderOf(lockFile)) === process.pid) await unlink(lockFile).catch(() => {});
      };
    } catch (error) {
      if (!isCode(error, 'EEXIST') || attempt > 0) throw error;
      if (held.has(lockFile)) throw new DirectoryInUseError(lockFile, process.pid);
      const holder = await holderOf(lockFile);
      if (holder !== undefined && holder !== process.pid && isRunning(holder)) throw new DirectoryInUseError(lockFile, holder);
      await unlink(lockFile).catch((unlinkError: unknown) => {
        if (!isCode(unlinkError, 'ENOENT')) throw unlinkError;
      });
    }
  }
}

/** The live process holding `lockFile`, if any. */
export async function liveHolder(lockFile: string): Promise<number | undefined> {
  const holder = await holderOf(lockFile);
  return holder !== undefined && isRunning(holder) ? holder : undefined;
}

async function holderOf(lockFile: string): Promise<number | undefined> {
  const text = await readFile(lockFile, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
