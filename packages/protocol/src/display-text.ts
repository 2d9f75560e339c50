const encoder = new TextEncoder();

/**
 * C0/C1 control characters, DEL, byte-order marks and the bidirectional marks, overrides and
 * isolates that can make text read differently from what it is. `\t` and `\n` are whitespace,
 * folded below instead.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface SanitizeTextOptions {
  /** Keep line breaks (at most one blank line in a row); otherwise the text becomes one line. */
  multiline?: boolean;
  /** Cut to at most this many bytes of UTF-8, never inside a character. */
  maxBytes?: number;
}

/**
 * Untrusted display text made safe to show, store or hand to a model: well-formed Unicode (a
 * broken surrogate becomes U+FFFD), no invisible or control characters, `\r\n`/`\r` as `\n`,
 * every other run of whitespace one space, no space at either end of a line, trimmed, then cut
 * to `maxBytes`. Applying it to its own result changes nothing.
 */
export function sanitizeText(value: string, { multiline = false, maxBytes }: SanitizeTextOptions = {}): string {
  let text = value.replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  text = multiline
    ? text
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
    : text.replace(/\s+/g, ' ');
  text = text.trim();
  return maxBytes === undefined ? text : truncateUtf8(text, maxBytes).trimEnd();
}

export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

/** The longest prefix of `text` that is at most `maxBytes` of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  return truncateBy(text, maxBytes, utf8CharLength);
}

/** The longest prefix of sanitized `text` that takes at most `limit` bytes inside a JSON string. */
export function truncateJson(text: string, limit: number): string {
  return truncateBy(text, limit, jsonCharLength);
}

function truncateBy(text: string, limit: number, cost: (char: string) => number): string {
  // Under either cost no UTF-16 unit takes more than 3 bytes, so short text needs no walk.
  if (text.length * 3 <= limit) return text;
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = cost(char);
    if (used + size > limit) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}

function utf8CharLength(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Bytes a character of sanitized text takes inside a JSON string: `"`, `\` and `\n` are escaped. */
function jsonCharLength(char: string): number {
  return char === '"' || char === '\\' || char === '\n' ? 2 : utf8CharLength(char);
}

/** Bytes sanitized text takes as a JSON string, without the quotes. */
export function jsonStringLength(text: string): number {
  let total = 0;
  for (const char of text) total += jsonCharLength(char);
  return total;
}
