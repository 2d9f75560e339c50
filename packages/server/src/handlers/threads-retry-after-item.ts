import type { ThreadItem, ThreadsRetryAfterItemReq } from '@chatwire/protocol';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { MAX_PAGE_SIZE } from './paging.js';
import { respondTo } from './respond.js';
import { assertAcceptsInput } from './user-message.js';

/**
 * Reruns the reply to a user message: every item after it (hidden ones too) is deleted, then
 * `respond()` gets the same message again. No `thread.item.removed` events are sent; clients
 * drop the later items themselves, as with the reference.
 */
export async function threadsRetryAfterItem<TContext>(
  request: ThreadsRetryAfterItemReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const { thread_id, item_id } = request.params;
  const { store, context } = env;
  const thread = await store.loadThread(thread_id, context);
  assertAcceptsInput(thread);
  const { target, newer } = await findWithNewer(thread_id, item_id, env);
  if (target.type !== 'user_message') {
    throw new BadRequestError('params.item_id: only a user message can be retried', 'params.item_id');
  }
  for (const item of newer) await store.deleteThreadItem(thread_id, item.id, context);
  return streamOf(respondTo(env, thread, target));
}

async function findWithNewer<TContext>(
  threadId: string,
  itemId: string,
  env: RequestEnv<TContext>,
): Promise<{ target: ThreadItem; newer: ThreadItem[] }> {
  const newer: ThreadItem[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await env.store.loadThreadItems(threadId, after, MAX_PAGE_SIZE, 'desc', env.context);
    for (const item of page.data) {
      if (item.id === itemId) return { target: item, newer };
      newer.push(item);
    }
    if (!page.has_more || page.after === undefined) throw new NotFoundError('Item not found');
    after = page.after;
  }
}
