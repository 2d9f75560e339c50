import type { ThreadsAddUserMessageReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { respondTo } from './respond.js';
import { assertAcceptsInput, buildUserMessage, saveUserMessage } from './user-message.js';

/** Adds a user message to a thread: the message, then the reply. */
export async function threadsAddUserMessage<TContext>(
  request: ThreadsAddUserMessageReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const thread = await env.store.loadThread(request.params.thread_id, env.context);
  assertAcceptsInput(thread);
  const message = await buildUserMessage(request.params.input, thread, env);
  await saveUserMessage(message, env);
  return streamOf(respondTo(env, thread, message), [{ type: 'thread.item.done', item: message }]);
}
