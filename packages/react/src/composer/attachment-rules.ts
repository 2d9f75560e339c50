import type { ResolvedSettings } from '../options.js';

export type AttachmentLimits = ResolvedSettings['attachments'];

export type Rejection =
  { reason: 'count'; file: File; max: number } | { reason: 'size'; file: File; limit: number } | { reason: 'type'; file: File };

export interface Sorted {
  accepted: File[];
  rejected: Rejection[];
}

/** The `accept` option as an `<input accept>` value. */
export function acceptAttribute(accept: AttachmentLimits['accept']): string | undefined {
  if (accept === undefined || typeof accept === 'string') return accept;
  return Object.entries(accept)
    .flatMap(([mime, extensions]) => [mime, ...extensions])
    .join(',');
}

/**
 * Whether `file` is one the options accept, judged as a browser judges `<input accept>`: by
 * extension (`.pdf`), exact type (`application/pdf`) or type family (`image/*`). Dropped and
 * pasted files never pass through the picker's filter, so every file is checked here.
 */
export function isAccepted(file: File, accept: AttachmentLimits['accept']): boolean {
  const rule = acceptAttribute(accept);
  if (rule === undefined || rule.trim() === '') return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return rule
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => {
      if (entry === '' || entry === '*' || entry === '*/*') return entry !== '';
      if (entry.startsWith('.')) return name.endsWith(entry);
      if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
      return type === entry;
    });
}

/** The size limit for a type: its own, else its family's (`image/*`), else the catch-all (`*`). */
export function sizeLimit(type: string, maxSize: AttachmentLimits['maxSize']): number | undefined {
  if (maxSize === undefined || typeof maxSize === 'number') return maxSize;
  const mime = type.toLowerCase();
  const family = `${mime.split('/')[0]}/*`;
  return maxSize[mime] ?? maxSize[family] ?? maxSize['*/*'] ?? maxSize['*'];
}

/** Splits new files into those that may be attached (in order, up to `maxCount` with `present`) and the rest, with why. */
export function sortFiles(files: Iterable<File>, limits: AttachmentLimits, present: number): Sorted {
  const sorted: Sorted = { accepted: [], rejected: [] };
  for (const file of files) {
    const limit = sizeLimit(file.type, limits.maxSize);
    if (!isAccepted(file, limits.accept)) sorted.rejected.push({ reason: 'type', file });
    else if (limit !== undefined && file.size > limit) sorted.rejected.push({ reason: 'size', file, limit });
    else if (present + sorted.accepted.length >= limits.maxCount)
      sorted.rejected.push({ reason: 'count', file, max: limits.maxCount });
    else sorted.accepted.push(file);
  }
  return sorted;
}
