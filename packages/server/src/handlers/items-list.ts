import { toWireItemPage, type ItemsListReq, type Page, type ThreadItem } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { pageSize } from './paging.js';

/**
 * A page of a thread's items, newest first by default. Hidden items are dropped after paging,
 * as in the reference, so a page can be shorter than `limit` while `has_more` stays exact.
 */
export async function itemsList<TContext>(request: ItemsListReq, env: RequestEnv<TContext>): Promise<Page<ThreadItem>> {
  const { thread_id, limit, after, order } = request.params;
  await env.store.loadThread(thread_id, env.context);
  const page = await env.store.loadThreadItems(thread_id, after, pageSize(limit), order, env.context);
  return toWireItemPage(page);
}
