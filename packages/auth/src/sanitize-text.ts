const encoder = new TextEncoder();

/**
 * C0/C1 control characters, DEL, and the bidirectional overrides/isolates that can make text
 * read differently from what it is. `\n` and `\t` are handled separately.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe to show or hand on: well-formed, no control characters; `\r\n`/`\r` become `\n`. */
export function sanitizeText(value: string, { multiline }: { multiline: boolean }): string {
  let text = value.replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  if (!multiline) text = text.replace(/[\n\t]+/g, ' ');
  return text.trim();
}

export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

/** The longest prefix of `text` whose cost is at most `limit`, never splitting a character. */
export function truncateTo(text: string, limit: number, cost: (char: string) => number = utf8CharLength): string {
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

export function utf8CharLength(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Bytes a character takes inside a JSON string (after `sanitizeText`, only these four are escaped). */
export function jsonCharLength(char: string): number {
  return char === '"' || char === '\\' || char === '\n' || char === '\t' ? 2 : utf8CharLength(char);
}

export function jsonStringLength(text: string): number {
  let total = 0;
  for (const char of text) total += jsonCharLength(char);
  return total;
}
