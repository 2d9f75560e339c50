import type { ChatState } from '@chatwire/client';
import type { ThreadItem } from '@chatwire/protocol';

/** The end of a sentence (followed by white space) or of a line. */
const SENTENCE_END = /[.!?…。！？](?=\s)|\n/g;

/** Markdown punctuation a screen reader would read out; links keep their text. */
function speakable(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~`|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function replyText(item: ThreadItem): string | undefined {
  return item.type === 'assistant_message' ? item.content.map((part) => part.text).join('\n\n') : undefined;
}

/**
 * Decides what a polite live region says while replies stream: whole sentences as they
 * complete, then the rest when the message is done; never every delta, and never the items
 * that were already there when the reply started (an opened thread is not read out).
 */
export class Announcer {
  /** Ids of the items present before the current reply started. */
  private before = new Set<string>();
  private readonly spoken = new Map<string, number>();
  private streaming = false;

  /** What to announce after this state, or `undefined` for nothing new. */
  next(state: ChatState): string | undefined {
    const items = state.thread?.items ?? [];
    if (state.status === 'streaming' && !this.streaming) {
      this.before = new Set(items.map((item) => item.id));
      this.spoken.clear();
    }
    const wasStreaming = this.streaming;
    this.streaming = state.status === 'streaming';
    if (!this.streaming && !wasStreaming) return undefined;
    const said: string[] = [];
    // New items are at the end: walk back to the first one that was already there.
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (this.before.has(item.id)) break;
      const text = replyText(item);
      if (text === undefined) continue;
      const done = item.id !== state.streamingItemId;
      const from = this.spoken.get(item.id) ?? 0;
      const upTo = done ? text.length : lastSentenceEnd(text, from);
      if (upTo <= from) continue;
      this.spoken.set(item.id, upTo);
      const words = speakable(text.slice(from, upTo));
      if (words) said.unshift(words);
    }
    return said.length ? said.join(' ') : undefined;
  }
}

function lastSentenceEnd(text: string, from: number): number {
  let end = from;
  SENTENCE_END.lastIndex = from;
  for (let match = SENTENCE_END.exec(text); match; match = SENTENCE_END.exec(text)) end = match.index + match[0].length;
  return end;
}
