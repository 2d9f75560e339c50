import { toWireThread, type ThreadMetadata, type ThreadStreamEvent, type ThreadsCreateReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import { respondTo } from './respond.js';
import { buildUserMessage, saveUserMessage } from './user-message.js';

/** Creates a thread from the first user message: `thread.created`, the message, then the reply. */
export async function threadsCreate<TContext>(
  request: ThreadsCreateReq,
  env: RequestEnv<TContext>,
): Promise<AsyncGenerator<ThreadStreamEvent>> {
  const thread: ThreadMetadata = {
    id: env.store.generateThreadId(env.context),
    created_at: env.now(),
    status: { type: 'active' },
    metadata: {},
  };
  const message = await buildUserMessage(request.params.input, thread, env);
  await env.store.saveThread(thread, env.context);
  await saveUserMessage(message, env);
  return (async function* () {
    yield { type: 'thread.created', thread: toWireThread(thread) };
    yield { type: 'thread.item.done', item: message };
    yield* respondTo(env, thread, message);
  })();
}
