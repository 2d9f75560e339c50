import type { WidgetItem } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';

/**
 * The widget item an action came from: null when the action names no item, `not_a_widget` when
 * it names an item of another type. A missing or foreign item is a `NotFoundError`.
 */
export async function loadSender<TContext>(
  threadId: string,
  itemId: string | undefined,
  env: RequestEnv<TContext>,
): Promise<WidgetItem | null | 'not_a_widget'> {
  if (itemId === undefined) return null;
  const item = await env.store.loadItem(threadId, itemId, env.context);
  return item.type === 'widget' ? item : 'not_a_widget';
}
