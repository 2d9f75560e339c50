import { setTimeout as sleep } from 'node:timers/promises';
import type { AssistantMessageContent, AssistantMessageItem, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import type { PostgresStore } from '@chatwire/postgres';
import type { ChatKitHooks } from '@chatwire/server';
import type { AppContext } from '../context.js';

export interface EchoOptions {
  /** Pause before each word, so a reply is still streaming while a test acts. Default 0. */
  wordDelayMs?: number;
}

/**
 * A deterministic responder for tests about the app's plumbing (SSE, storage, outages) rather
 * than its assistant: it streams the user's own text back as an assistant message, word by word,
 * the way a model reply streams. Tests pass it as `deps.responder`; the app itself answers with
 * its assistant.
 */
export function echoResponder(store: PostgresStore<AppContext>, options: EchoOptions = {}): ChatKitHooks<AppContext> {
  const { wordDelayMs = 0 } = options;
  return {
    async *respond(thread, input, context, run) {
      const text = (input && userText(input)) || 'Nothing to echo.';
      const item: AssistantMessageItem = {
        type: 'assistant_message',
        id: store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        content: [],
      };
      const part = (text: string): AssistantMessageContent => ({ type: 'output_text', text, annotations: [] });
      const update = (update: Extract<ThreadStreamEvent, { type: 'thread.item.updated' }>['update']): ThreadStreamEvent => ({
        type: 'thread.item.updated',
        item_id: item.id,
        update,
      });

      yield { type: 'thread.item.added', item };
      yield update({ type: 'assistant_message.content_part.added', content_index: 0, content: part('') });
      for (const word of words(text)) {
        if (wordDelayMs > 0) await sleep(wordDelayMs, undefined, { signal: run.signal }).catch(() => {});
        if (run.signal.aborted) return;
        yield update({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta: word });
      }
      yield update({ type: 'assistant_message.content_part.done', content_index: 0, content: part(text) });
      yield { type: 'thread.item.done', item: { ...item, content: [part(text)] } };
    },
  };
}

/** The message as typed: text parts and @-mentions, in order. */
function userText(message: UserMessageItem): string {
  return message.content.map((part) => part.text).join('');
}

/** Words with their trailing whitespace (and any leading whitespace first), so they join back exactly. */
export function words(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}
