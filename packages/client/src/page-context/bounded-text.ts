const encoder = new TextEncoder();

/** Control characters (C0, DEL, C1) and the bidi overrides/isolates that make text read as something else. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text cleaned for sending: no control characters, whitespace runs collapsed (single-line fields
 * lose their line breaks too), cut to at most `maxBytes` of UTF-8 without splitting a character.
 */
export function cleanText(value: string, maxBytes: number, multiline = false): string {
  let text = value.replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  text = multiline ? text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n') : text.replace(/\s+/g, ' ');
  return truncateBytes(text.trim(), maxBytes).trim();
}

export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

export function truncateBytes(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3) return text; // no UTF-16 unit takes more than 3 bytes
  let used = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > maxBytes) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}
