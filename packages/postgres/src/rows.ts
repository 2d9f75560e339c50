import { Attachment, ThreadItem, ThreadMetadata } from '@chatwire/protocol';

/** A stored row that no longer matches the protocol schemas: corrupted, or written by something else. */
export class StoredDataError extends Error {
  constructor(what: string, detail: string) {
    super(`Stored ${what} does not match the protocol schema: ${detail}`);
    this.name = 'StoredDataError';
  }
}

export function decodeThread(data: unknown): ThreadMetadata {
  const parsed = ThreadMetadata.safeParse(data);
  if (!parsed.success) throw new StoredDataError('thread', parsed.error.message);
  return parsed.data;
}

export function decodeItem(data: unknown): ThreadItem {
  const parsed = ThreadItem.safeParse(data);
  if (!parsed.success) throw new StoredDataError('thread item', parsed.error.message);
  return parsed.data;
}

export function decodeAttachment(data: unknown): Attachment {
  const parsed = Attachment.safeParse(data);
  if (!parsed.success) throw new StoredDataError('attachment', parsed.error.message);
  return parsed.data;
}

/**
 * The escapes `jsonb` refuses: `\u0000` and lone surrogates, which are the only `\u` escapes
 * `JSON.stringify` writes besides control characters. The look-behind requires an even run of
 * backslashes before the match, so text that merely reads `\u0000` (an escaped backslash) stays.
 */
const UNSTORABLE_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/**
 * JSON text for a `jsonb` parameter. Characters `jsonb` cannot hold become U+FFFD rather than
 * failing the write: losing a model's whole reply over one stray NUL would be far worse.
 */
export function toJsonb(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, '\\ufffd') : json;
}

/**
 * The `timestamptz` a row is ordered by. Parsed here, as `Date.parse` reads every form the
 * protocol accepts; what Postgres cannot represent sorts last, as in `MemoryStore`. The original
 * string stays untouched in the row's JSON.
 */
export function orderingTime(createdAt: string): string {
  const time = Date.parse(createdAt);
  if (Number.isNaN(time)) return 'infinity';
  const iso = new Date(time).toISOString();
  if (/^(?!0000)\d{4}-/.test(iso)) return iso;
  return time < 0 ? '-infinity' : 'infinity';
}
