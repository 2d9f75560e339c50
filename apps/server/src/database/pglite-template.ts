import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { migrate, migrationsDirectory } from '@chatwire/postgres';
import { createPgliteClient } from '@chatwire/postgres/pglite';
import { z } from 'zod';
import { extractTar } from './tar-archive.js';

/**
 * A new embedded database, made once at build time: PGlite's initdb (several seconds of
 * WebAssembly) and every migration, dumped as a tarball beside the app's build. A first start on
 * a new data directory restores it in a fraction of a second instead. The stamp beside it names
 * what it was made from; a tarball of another PGlite version is not used, and `npm run build`
 * makes a new one when the migrations or PGlite change.
 */

/** `apps/server/dist/`, whether this module runs from `dist/database/` or (in tests) `src/database/`. */
const BUILD_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
export const TEMPLATE_FILE = join(BUILD_DIR, 'pglite-template.tar.gz');
const STAMP_FILE = join(BUILD_DIR, 'pglite-template.json');

const Stamp = z.object({
  /** What the tarball was made from: the PGlite version and the migrations, hashed. */
  inputs: z.string(),
  pglite: z.string(),
});
type Stamp = z.infer<typeof Stamp>;

/** The stamp a tarball made now would carry. */
export async function currentStamp(): Promise<Stamp> {
  const pglite = await packageVersion('@electric-sql/pglite');
  const directory = migrationsDirectory();
  const hash = createHash('sha256').update(`pglite ${pglite}\n`);
  for (const name of (await readdir(directory)).filter((file) => file.endsWith('.sql')).sort()) {
    hash.update(`${name}\n`).update(await readFile(join(directory, name)));
  }
  return { inputs: hash.digest('hex'), pglite };
}

/** Restores the tarball into `directory` (which must not exist yet); false when there is no usable one. */
export async function restorePgliteTemplate(directory: string): Promise<boolean> {
  const [archive, stamp, current] = await Promise.all([
    readFile(TEMPLATE_FILE).catch(() => undefined),
    readStamp(),
    currentStamp(),
  ]);
  // A data directory of another PGlite version would not open; its migrations are caught up after opening.
  if (!archive || stamp?.pglite !== current.pglite) return false;
  await extractTar(await promisify(gunzip)(archive), directory);
  return true;
}

/** Makes the tarball unless the one there was made from the same inputs; returns whether it did. */
export async function buildPgliteTemplate(): Promise<boolean> {
  const [stamp, current] = await Promise.all([readStamp(), currentStamp()]);
  const present = await readFile(TEMPLATE_FILE).then(
    () => true,
    () => false,
  );
  if (present && stamp?.inputs === current.inputs) return false;
  const client = await createPgliteClient();
  try {
    await migrate(client);
    await client.exec('CHECKPOINT');
    const dump = await client.pglite.dumpDataDir('gzip');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    await writeFile(`${TEMPLATE_FILE}.tmp`, bytes);
    await rename(`${TEMPLATE_FILE}.tmp`, TEMPLATE_FILE);
    await writeFile(STAMP_FILE, `${JSON.stringify(current, null, 2)}\n`);
  } finally {
    await client.close();
  }
  return true;
}

async function readStamp(): Promise<Stamp | undefined> {
  try {
    const parsed = Stamp.safeParse(JSON.parse(await readFile(STAMP_FILE, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const PackageJson = z.object({ name: z.string(), version: z.string() });

/** The installed version of `name`: its package.json, found from its entry point (it exports no `./package.json`). */
async function packageVersion(name: string): Promise<string> {
  let directory = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const text = await readFile(join(directory, 'package.json'), 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : PackageJson.safeParse(JSON.parse(text));
    if (parsed?.success && parsed.data.name === name) return parsed.data.version;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`cannot find the package.json of ${name}`);
    directory = parent;
  }
}
