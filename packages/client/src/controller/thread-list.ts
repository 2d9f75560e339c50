import type { Page, ThreadMetadata } from '@chatwire/protocol';
import type { ThreadListState } from './state.js';

/** The list with `thread` in place of its old entry (or first, when `addIfMissing`). */
export function listUpsert(list: ThreadListState, thread: ThreadMetadata, addIfMissing: boolean): ThreadListState {
  const index = list.data.findIndex((entry) => entry.id === thread.id);
  if (index === -1) return addIfMissing ? { ...list, data: [thread, ...list.data] } : list;
  const data = list.data.slice();
  data[index] = thread;
  return { ...list, data };
}

export function listRemove(list: ThreadListState, threadId: string): ThreadListState {
  const data = list.data.filter((entry) => entry.id !== threadId);
  return data.length === list.data.length ? list : { ...list, data };
}

/** The list after a page arrived: the first page replaces, later ones append (skipping threads already listed). */
export function withThreadPage(list: ThreadListState, page: Page<ThreadMetadata>, first: boolean): ThreadListState {
  const previous = first ? [] : list.data;
  const known = new Set(previous.map((thread) => thread.id));
  return {
    data: [...previous, ...page.data.filter((thread) => !known.has(thread.id))],
    hasMore: page.has_more,
    after: page.after,
    loading: false,
    loaded: true,
  };
}
