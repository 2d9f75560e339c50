import { isHiddenItem, type ThreadsAddClientToolOutputReq } from '@chatwire/protocol';
import { ConflictError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { DEFAULT_PAGE_SIZE } from './paging.js';
import { respondTo } from './respond.js';
import { assertAcceptsInput } from './user-message.js';

/**
 * Completes the thread's pending client tool call with the client's result, then continues the
 * reply. The call must be the latest visible item (the reference looks at the latest item of
 * any kind, so a hidden note written after it, say by a cancelled stream, would strand it).
 */
export async function threadsAddClientToolOutput<TContext>(
  request: ThreadsAddClientToolOutputReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const { thread_id, result } = request.params;
  const { store, context } = env;
  const thread = await store.loadThread(thread_id, context);
  assertAcceptsInput(thread);
  const recent = await store.loadThreadItems(thread_id, undefined, DEFAULT_PAGE_SIZE, 'desc', context);
  const latest = recent.data.find((item) => !isHiddenItem(item));
  if (latest?.type !== 'client_tool_call' || latest.status !== 'pending') {
    throw new ConflictError('The thread has no pending client tool call', 'no_pending_tool_call');
  }
  await store.saveItem(thread_id, { ...latest, status: 'completed', output: result }, context);
  // Older calls left pending can never complete; drop them so the model never sees them.
  for (const item of recent.data) {
    if (item.id !== latest.id && item.type === 'client_tool_call' && item.status === 'pending') {
      await store.deleteThreadItem(thread_id, item.id, context);
    }
  }
  return streamOf(respondTo(env, thread, null));
}
