import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';

/**
 * Writes the files of a ustar archive (the format PGlite's `dumpDataDir` makes) under `directory`.
 * Only plain files and directories are taken; anything else (links, devices, PAX headers) or a
 * name that would land outside `directory` is refused, so a damaged or foreign archive fails
 * instead of writing somewhere it should not.
 */
export async function extractTar(archive: Uint8Array, directory: string): Promise<number> {
  const files: { path: string; data: Uint8Array; mode: number }[] = [];
  const directories: { path: string; mode: number }[] = [];
  const text = (from: number, to: number) => new TextDecoder().decode(archive.subarray(from, to)).replace(/\0[\s\S]*$/, '');
  for (let offset = 0; offset + 512 <= archive.length;) {
    if (archive[offset] === 0) break;
    const prefix = text(offset + 345, offset + 500);
    const name = text(offset, offset + 100);
    const size = parseInt(text(offset + 124, offset + 136).trim() || '0', 8);
    const mode = parseInt(text(offset + 100, offset + 108).trim() || '0', 8) & 0o777;
    const type = String.fromCharCode(archive[offset + 156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || offset + 512 + size > archive.length)
      throw new Error('damaged archive: bad size');
    const path = inside(directory, prefix ? `${prefix}/${name}` : name);
    if (type === '5') directories.push({ path, mode: mode || 0o700 });
    else if (type === '0' || type === '\0')
      files.push({ path, data: archive.subarray(offset + 512, offset + 512 + size), mode: mode || 0o600 });
    else throw new Error(`unexpected archive entry type ${JSON.stringify(type)} for ${name}`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  await mkdir(directory, { recursive: true, mode: 0o700 });
  for (const entry of directories) await mkdir(entry.path, { recursive: true, mode: entry.mode });
  await Promise.all(files.map((file) => writeFile(file.path, file.data, { mode: file.mode })));
  return files.length;
}

function inside(directory: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, ''));
  if (relative === '..' || relative.startsWith(`..${sep}`) || isAbsolute(relative))
    throw new Error(`archive entry outside its directory: ${name}`);
  return join(directory, relative);
}
