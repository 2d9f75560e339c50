import type { AssistantMessageContent, Source } from '@chatwire/protocol';

/** Private-use characters that bracket a footnote number inside the text handed to the lexer. */
export const MARKER_OPEN = '\ue000';
export const MARKER_CLOSE = '\ue001';
export const MARKER_PATTERN = /\ue000(\d+)\ue001/g;

export interface NumberedSource {
  number: number;
  source: Source;
}

export interface CitedPart {
  /** The part's text with a marker at each annotation's `index`. */
  text: string;
}

export interface Citations {
  parts: CitedPart[];
  /** Each distinct source once, numbered in the order the annotations name them. */
  sources: NumberedSource[];
}

function sourceKey(source: Source): string {
  switch (source.type) {
    case 'url':
      return `url:${source.url}`;
    case 'file':
      return `file:${source.filename}`;
    case 'entity':
      return `entity:${source.id}`;
  }
}

/** Characters that open or close inline markdown: a marker between two of them would split the syntax. */
const SYNTAX = /[*_~`]/;

/** Moves a marker past markdown punctuation (`**bold**|` rather than `**bold*|*`). */
function settle(text: string, index: number): number {
  let at = Math.max(0, Math.min(index, text.length));
  while (at < text.length && at > 0 && SYNTAX.test(text[at - 1]!) && SYNTAX.test(text[at]!)) at++;
  return at;
}

/**
 * Numbers the sources of an assistant message's annotations and puts a footnote marker into each
 * part's text at every annotation's `index` (annotations without one appear only in the list).
 */
export function citeParts(content: readonly AssistantMessageContent[]): Citations {
  const numbers = new Map<string, number>();
  const sources: NumberedSource[] = [];
  const parts = content.map((part) => {
    const markers: { at: number; number: number }[] = [];
    for (const annotation of part.annotations) {
      const key = sourceKey(annotation.source);
      let number = numbers.get(key);
      if (number === undefined) {
        number = sources.length + 1;
        numbers.set(key, number);
        sources.push({ number, source: annotation.source });
      }
      if (annotation.index !== undefined) markers.push({ at: settle(part.text, annotation.index), number });
    }
    if (markers.length === 0) return { text: part.text };
    markers.sort((a, b) => a.at - b.at);
    let text = '';
    let from = 0;
    for (const { at, number } of markers) {
      text += part.text.slice(from, at) + MARKER_OPEN + String(number) + MARKER_CLOSE;
      from = at;
    }
    return { text: text + part.text.slice(from) };
  });
  return { parts, sources };
}

/** Text with the markers taken out (code, where a footnote has no place). */
export function stripMarkers(text: string): string {
  return text.includes(MARKER_OPEN) ? text.replace(MARKER_PATTERN, '') : text;
}

export function sourceTitle(source: Source): string {
  if (source.title) return source.title;
  switch (source.type) {
    case 'url':
      return source.url;
    case 'file':
      return source.filename;
    case 'entity':
      return source.label ?? source.id;
  }
}
