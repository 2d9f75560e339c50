import type { ThreadItem } from '@chatwire/protocol';
import type { ChatKitClient } from '../chatkit-client.js';
import type { ThreadView } from './state.js';
import { metadataOf, visibleItems } from './thread-items.js';

export interface LoadedThread {
  view: ThreadView;
  /** The `after` cursor for `items.list` (newest first) to reach older items. */
  olderCursor: string | undefined;
}

/**
 * A thread with its newest items. `threads.get_by_id` answers the oldest page; when that is the
 * whole thread we are done, otherwise the newest page comes from `items.list` (newest first).
 */
export async function loadThread(
  client: ChatKitClient,
  threadId: string,
  limit: number,
  signal?: AbortSignal,
): Promise<LoadedThread> {
  const thread = await client.getThread({ thread_id: threadId }, { signal });
  const metadata = metadataOf(thread);
  if (!thread.items.has_more) {
    return { view: view(metadata, visibleItems(thread.items.data), false), olderCursor: undefined };
  }
  const page = await client.listItems({ thread_id: threadId, order: 'desc', limit }, { signal });
  return { view: view(metadata, visibleItems(page.data).reverse(), page.has_more), olderCursor: page.after };
}

/** Up to this many empty pages (all hidden items) are skipped before giving up for this call. */
const MAX_EMPTY_PAGES = 5;

export interface OlderItems {
  /** Oldest first. */
  items: ThreadItem[];
  hasMore: boolean;
  cursor: string | undefined;
}

export async function loadOlder(
  client: ChatKitClient,
  threadId: string,
  cursor: string,
  limit: number,
  signal?: AbortSignal,
): Promise<OlderItems> {
  let after: string | undefined = cursor;
  const items: ThreadItem[] = [];
  let hasMore = true;
  for (let page = 0; page < MAX_EMPTY_PAGES && hasMore && after !== undefined && items.length === 0; page++) {
    const answer = await client.listItems({ thread_id: threadId, order: 'desc', after, limit }, { signal });
    items.push(...visibleItems(answer.data));
    hasMore = answer.has_more;
    after = answer.after;
  }
  return { items: items.reverse(), hasMore: hasMore && after !== undefined, cursor: after };
}

function view(metadata: ThreadView['metadata'], items: ThreadItem[], hasMoreBefore: boolean): ThreadView {
  return { metadata, items, hasMoreBefore, loadingOlder: false };
}
