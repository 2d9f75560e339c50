import { isHiddenItem, type ThreadItem, type ThreadMetadata, type Thread } from '@chatwire/protocol';
import type { ThreadView } from './state.js';

/**
 * Helpers that change a thread's item list without touching the items they do not change.
 * Lookups scan from the end: the item a stream touches is nearly always among the last.
 */

export function indexOfItem(items: readonly ThreadItem[], id: string): number {
  for (let index = items.length - 1; index >= 0; index--) if (items[index]?.id === id) return index;
  return -1;
}

/** Replaces the item with the same id in place, or appends it. */
export function upsertItem(items: readonly ThreadItem[], item: ThreadItem): readonly ThreadItem[] {
  const index = indexOfItem(items, item.id);
  const next = items.slice();
  if (index === -1) next.push(item);
  else next[index] = item;
  return next;
}

export function replaceAt(items: readonly ThreadItem[], index: number, item: ThreadItem): readonly ThreadItem[] {
  const next = items.slice();
  next[index] = item;
  return next;
}

export function removeItem(items: readonly ThreadItem[], id: string): readonly ThreadItem[] {
  const index = indexOfItem(items, id);
  if (index === -1) return items;
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

/** Items a user may see: hidden context never reaches the UI, even from a server that sends it. */
export function visibleItems(items: readonly ThreadItem[]): ThreadItem[] {
  return items.filter((item) => !isHiddenItem(item));
}

/** The thread without its item page. */
export function metadataOf(thread: Thread | ThreadMetadata): ThreadMetadata {
  if (!('items' in thread)) return thread;
  const { items: _items, ...metadata } = thread;
  return metadata;
}

export function emptyView(metadata: ThreadMetadata): ThreadView {
  return { metadata, items: [], hasMoreBefore: false, loadingOlder: false };
}

/**
 * `next` with every item that is unchanged from `previous` (same id, same JSON) replaced by the
 * previous object, so a reload does not re-render what did not change.
 */
export function reuseUnchanged(previous: readonly ThreadItem[], next: readonly ThreadItem[]): readonly ThreadItem[] {
  if (previous.length === 0) return next;
  const byId = new Map(previous.map((item) => [item.id, item]));
  let changed = next.length !== previous.length;
  const merged = next.map((item, index) => {
    const old = byId.get(item.id);
    const kept = old !== undefined && JSON.stringify(old) === JSON.stringify(item) ? old : item;
    if (kept !== previous[index]) changed = true;
    return kept;
  });
  return changed ? merged : previous;
}
