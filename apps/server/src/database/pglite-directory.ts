import { access, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { restorePgliteTemplate } from './pglite-template.js';

/**
 * Runs in a worker thread: PGlite's first start on an empty directory (initdb, in WebAssembly)
 * keeps a thread busy for seconds at a time; on the main thread it would stall every request,
 * `/healthz` included, for that long.
 */
const INIT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
PGlite.create(workerData.directory)
  .then((db) => db.close())
  .then(
    () => parentPort.postMessage({ ok: true }),
    (error) => parentPort.postMessage({ ok: false, message: String((error && error.stack) || error) }),
  );
`;

/**
 * Makes sure `directory` holds a PGlite database, creating one if it does not: restored from the
 * build's pre-made database (a fraction of a second), else by PGlite's initdb in a worker (seconds).
 * The new database is made beside it and moved into place in one rename, so a first start that is
 * interrupted (killed, out of memory) leaves no half-made database behind, just a leftover that
 * the next start removes.
 */
export async function preparePgliteDirectory(directory: string): Promise<void> {
  if (await exists(join(directory, 'PG_VERSION'))) return;
  const entries = await readdir(directory).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new Error(`${directory} holds files but no database; move them away or choose another CHATWIRE_DATA_DIR`);
  }
  const staging = `${directory}.new`;
  await rm(staging, { recursive: true, force: true });
  if (!(await restoreTemplate(staging))) await initializeInWorker(staging);
  await rm(directory, { recursive: true, force: true });
  await rename(staging, directory);
}

/** The pre-made database, restored; false (and nothing left behind) when there is none or it is damaged. */
async function restoreTemplate(staging: string): Promise<boolean> {
  try {
    return await restorePgliteTemplate(staging);
  } catch {
    await rm(staging, { recursive: true, force: true });
    return false;
  }
}

function initializeInWorker(directory: string): Promise<void> {
  // The CommonJS build, resolved here, so the worker finds it wherever the app runs from.
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return new Promise((resolve, reject) => {
    const worker = new Worker(INIT_WORKER, { eval: true, workerData: { pglite, directory } });
    let answered = false;
    worker.once('message', (message: { ok: boolean; message?: string }) => {
      answered = true;
      if (message.ok) resolve();
      else reject(new Error(`Creating the embedded database in ${directory} failed: ${message.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`Creating the embedded database in ${directory} stopped (exit code ${code})`));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
