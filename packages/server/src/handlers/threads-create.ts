import { toWireThread, type ThreadMetadata, type ThreadsCreateReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { respondTo } from './respond.js';
import { buildUserMessage, saveUserMessage } from './user-message.js';

/** Creates a thread from the first user message: `thread.created`, the message, then the reply. */
export async function threadsCreate<TContext>(request: ThreadsCreateReq, env: RequestEnv<TContext>): Promise<StreamPlan> {
  const thread: ThreadMetadata = {
    id: env.store.generateThreadId(env.context),
    created_at: env.now(),
    status: { type: 'active' },
    metadata: {},
  };
  const message = await buildUserMessage(request.params.input, thread, env);
  await env.store.saveThread(thread, env.context);
  await saveUserMessage(message, env);
  return streamOf(respondTo(env, thread, message), [
    { type: 'thread.created', thread: toWireThread(thread) },
    { type: 'thread.item.done', item: message },
  ]);
}
