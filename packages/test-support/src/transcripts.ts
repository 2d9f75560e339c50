import type { AssistantMessageItem, ThreadItem, ThreadItemUpdate, ThreadStreamEvent } from '@chatwire/protocol';
import type { ChatController, ChatState } from '@chatwire/client';

export const now = () => new Date().toISOString();

export function assistantMessage(threadId: string, id: string, text: string): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: now(),
    type: 'assistant_message',
    content: text === '' ? [] : [{ type: 'output_text', text, annotations: [] }],
  };
}

export const added = (item: ThreadItem): ThreadStreamEvent => ({ type: 'thread.item.added', item });
export const done = (item: ThreadItem): ThreadStreamEvent => ({ type: 'thread.item.done', item });
export const updated = (itemId: string, update: ThreadItemUpdate): ThreadStreamEvent => ({
  type: 'thread.item.updated',
  item_id: itemId,
  update,
});

/** A streamed assistant message: added, a part, one delta per piece, part done, item done. */
export async function* streamText(threadId: string, id: string, pieces: string[]): AsyncGenerator<ThreadStreamEvent> {
  const empty = assistantMessage(threadId, id, '');
  yield added(empty);
  yield updated(id, {
    type: 'assistant_message.content_part.added',
    content_index: 0,
    content: { type: 'output_text', text: '', annotations: [] },
  });
  for (const delta of pieces) yield updated(id, { type: 'assistant_message.content_part.text_delta', content_index: 0, delta });
  const text = pieces.join('');
  yield updated(id, {
    type: 'assistant_message.content_part.done',
    content_index: 0,
    content: { type: 'output_text', text, annotations: [] },
  });
  yield done({ ...empty, content: [{ type: 'output_text', text, annotations: [] }] });
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Resolves with the first state (now or later) for which `predicate` holds. */
export function waitForState(controller: ChatController, predicate: (state: ChatState) => boolean): Promise<ChatState> {
  return new Promise((resolve) => {
    if (predicate(controller.getState())) {
      resolve(controller.getState());
      return;
    }
    const unsubscribe = controller.subscribe(() => {
      const state = controller.getState();
      if (predicate(state)) {
        unsubscribe();
        resolve(state);
      }
    });
  });
}

/** Every state the controller goes through, in order. */
export function recordStates(controller: ChatController): ChatState[] {
  const states: ChatState[] = [];
  controller.subscribe(() => states.push(controller.getState()));
  return states;
}

/** The text of an assistant message's parts, joined. */
export function textOf(item: ThreadItem | undefined): string | undefined {
  return item?.type === 'assistant_message' ? item.content.map((part) => part.text).join('') : undefined;
}
