import { toWireItem, type SyncCustomActionResponse, type ThreadsSyncCustomActionReq } from '@chatwire/protocol';
import { BadRequestError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';
import { loadSender } from './widget-sender.js';

/**
 * Runs a widget action synchronously. Unlike the reference, a returned `updated_item` is saved,
 * so what the client shows survives a reload.
 */
export async function threadsSyncCustomAction<TContext>(
  request: ThreadsSyncCustomActionReq,
  env: RequestEnv<TContext>,
): Promise<SyncCustomActionResponse> {
  const { thread_id, item_id, action } = request.params;
  const thread = await env.store.loadThread(thread_id, env.context);
  const sender = await loadSender(thread_id, item_id, env);
  if (sender === 'not_a_widget') throw new BadRequestError('params.item_id: the item is not a widget', 'params.item_id');
  const result = await env.hooks.syncAction(thread, action, sender, env.context);
  if (!result.updated_item) return {};
  await env.store.saveItem(thread_id, result.updated_item, env.context);
  return { updated_item: toWireItem(result.updated_item) };
}
