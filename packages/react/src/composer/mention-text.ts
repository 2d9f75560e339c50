import type { UserMessageContent, UserMessageTagContent } from '@chatwire/protocol';
import type { Entity } from '../options.js';

/** An @-mention being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** `@` at the start or after a space or an opening bracket, then up to 50 characters without spaces. */
const TYPING = /(?:^|[\s([{«"'“])@([^\s@]{0,50})$/u;

/** The mention the caret is in, if any. */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const match = TYPING.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, query };
}

/** `@Title` in place of the query, then a space; where the caret goes after it. */
export function insertMention(text: string, mention: MentionQuery, entity: Entity): { text: string; caret: number } {
  const token = `@${entity.title}`;
  const end = mention.start + 1 + mention.query.length;
  const after = text.slice(end);
  const spacer = after.startsWith(' ') ? '' : ' ';
  return { text: text.slice(0, mention.start) + token + spacer + after, caret: mention.start + token.length + spacer.length };
}

export function tagContent(entity: Entity): UserMessageTagContent {
  return {
    type: 'input_tag',
    id: entity.id,
    text: entity.title,
    data: entity.data ?? {},
    ...(entity.group !== undefined ? { group: entity.group } : {}),
    interactive: entity.interactive ?? false,
  };
}

const BEFORE = /[\s([{«"'“]/u;
const AFTER = /[\s.,;:!?)\]}»"'”]/u;

/**
 * The message as content parts: the text, with every `@Title` of a picked entity as its
 * `input_tag` (the longest title wins where two start at the same place). A tag whose text the
 * user edited away is simply gone. Leading and trailing whitespace of the message is dropped.
 */
export function toContent(draft: string, tags: readonly Entity[]): UserMessageContent[] {
  const text = draft.trim();
  const byLength = [...tags].sort((a, b) => b.title.length - a.title.length);
  const parts: UserMessageContent[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const atBoundary = text[i] === '@' && (i === 0 || BEFORE.test(text[i - 1]!));
    const entity = atBoundary
      ? byLength.find((tag) => {
          const end = i + 1 + tag.title.length;
          return text.startsWith(tag.title, i + 1) && (end === text.length || AFTER.test(text[end]!));
        })
      : undefined;
    if (entity) {
      if (plain) parts.push({ type: 'input_text', text: plain });
      plain = '';
      parts.push(tagContent(entity));
      i += 1 + entity.title.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain || parts.length === 0) parts.push({ type: 'input_text', text: plain });
  return parts;
}

/** The spans of picked tags in the text, for highlighting them behind the message box. */
export function tagSpans(draft: string, tags: readonly Entity[]): { start: number; end: number }[] {
  if (tags.length === 0) return [];
  const lead = draft.length - draft.trimStart().length;
  const spans: { start: number; end: number }[] = [];
  let at = lead;
  for (const part of toContent(draft, tags)) {
    const length = part.type === 'input_tag' ? part.text.length + 1 : part.text.length;
    if (part.type === 'input_tag') spans.push({ start: at, end: at + length });
    at += length;
  }
  return spans;
}
