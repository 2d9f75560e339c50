import { toWireThread, type Page, type Thread, type ThreadsListReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { pageSize } from './paging.js';

/** A page of the caller's threads, newest first by default; each with an empty item page. */
export async function threadsList<TContext>(request: ThreadsListReq, env: RequestEnv<TContext>): Promise<Page<Thread>> {
  const { limit, after, order } = request.params;
  const page = await env.store.loadThreads(pageSize(limit), after, order, env.context);
  const data = page.data.map((thread) => toWireThread(thread));
  return page.after === undefined ? { data, has_more: page.has_more } : { data, has_more: page.has_more, after: page.after };
}
