import { applyItemUpdate, isHiddenItem, type ThreadStreamEvent } from '@chatwire/protocol';
import type { ChatState, Notice, ThreadView } from './state.js';
import { listUpsert } from './thread-list.js';
import { emptyView, indexOfItem, metadataOf, removeItem, replaceAt, upsertItem } from './thread-items.js';

export interface FoldResult {
  state: ChatState;
  /** Something the controller should report (`log`): an event that did not fit the state. */
  problem?: string;
}

/**
 * The state after one stream event. Pure: `state` is never mutated, and only the objects on the
 * path to what changed are new. `client_effect` changes nothing here (the controller emits it);
 * `error` is recorded here and reported by the controller.
 */
export function foldEvent(state: ChatState, event: ThreadStreamEvent, nextNoticeId: () => number): FoldResult {
  switch (event.type) {
    case 'thread.created': {
      const metadata = metadataOf(event.thread);
      return { state: { ...state, thread: emptyView(metadata), threads: listUpsert(state.threads, metadata, true) } };
    }
    case 'thread.updated': {
      const metadata = metadataOf(event.thread);
      const threads = listUpsert(state.threads, metadata, false);
      if (state.thread?.metadata.id !== metadata.id) return { state: { ...state, threads } };
      return { state: { ...state, threads, thread: { ...state.thread, metadata } } };
    }
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced': {
      if (isHiddenItem(event.item)) return { state };
      const view = state.thread;
      if (!view) return { state, problem: `${event.type} before the thread was known` };
      const streamingItemId =
        event.type === 'thread.item.added'
          ? event.item.id
          : state.streamingItemId === event.item.id
            ? null
            : state.streamingItemId;
      return {
        state: {
          ...state,
          thread: { ...view, items: upsertItem(view.items, event.item) },
          streamingItemId,
          // Content has arrived; the "searching…" line has done its job.
          progress: event.type === 'thread.item.replaced' ? state.progress : null,
        },
      };
    }
    case 'thread.item.updated': {
      const view = state.thread;
      const index = view ? indexOfItem(view.items, event.item_id) : -1;
      const item = view?.items[index];
      if (!view || !item) return { state, problem: `${event.update.type} for unknown item ${event.item_id}` };
      const updated = applyItemUpdate(item, event.update);
      if (!updated) return { state, problem: `${event.update.type} does not apply to ${item.type} ${item.id}` };
      let next: ChatState = { ...state, thread: { ...view, items: replaceAt(view.items, index, updated) } };
      if (event.update.type === 'generated_image.updated' && event.update.progress !== undefined) {
        next = { ...next, imageProgress: { ...state.imageProgress, [item.id]: event.update.progress } };
      }
      return { state: next };
    }
    case 'thread.item.removed': {
      const view = state.thread;
      if (!view) return { state };
      const items = removeItem(view.items, event.item_id);
      const streamingItemId = state.streamingItemId === event.item_id ? null : state.streamingItemId;
      if (items === view.items && streamingItemId === state.streamingItemId) return { state };
      return { state: { ...state, thread: withItems(view, items), streamingItemId } };
    }
    case 'stream_options':
      return { state: { ...state, allowCancel: event.stream_options.allow_cancel } };
    case 'progress_update':
      return {
        state: { ...state, progress: event.icon === undefined ? { text: event.text } : { text: event.text, icon: event.icon } },
      };
    case 'client_effect':
      return { state };
    case 'error':
      return {
        state: {
          ...state,
          status: 'error',
          progress: null,
          error: { source: 'stream', code: event.code, message: event.message ?? '', allowRetry: event.allow_retry },
        },
      };
    case 'notice': {
      const notice: Notice = { id: nextNoticeId(), level: event.level, message: event.message };
      if (event.title !== undefined) notice.title = event.title;
      return { state: { ...state, notices: [...state.notices, notice] } };
    }
    default:
      return assertNever(event);
  }
}

function withItems(view: ThreadView, items: ThreadView['items']): ThreadView {
  return items === view.items ? view : { ...view, items };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
