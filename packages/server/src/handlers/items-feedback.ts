import type { ItemsFeedbackReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';

/** Records thumbs up/down. The thread and every item must be the caller's, else 404. */
export async function itemsFeedback<TContext>(request: ItemsFeedbackReq, env: RequestEnv<TContext>): Promise<object> {
  const { thread_id, item_ids, kind } = request.params;
  await env.store.loadThread(thread_id, env.context);
  for (const itemId of item_ids) await env.store.loadItem(thread_id, itemId, env.context);
  await env.hooks.addFeedback(thread_id, item_ids, kind, env.context);
  return {};
}
