import { toWireThread, type Thread, type ThreadsGetByIdReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';

/** The thread with its first page of items, oldest first (as the reference answers). */
export async function threadsGetById<TContext>(request: ThreadsGetByIdReq, env: RequestEnv<TContext>): Promise<Thread> {
  const { thread_id } = request.params;
  const thread = await env.store.loadThread(thread_id, env.context);
  const items = await env.store.loadThreadItems(thread_id, undefined, DEFAULT_PAGE_SIZE, 'asc', env.context);
  return toWireThread(thread, items);
}
