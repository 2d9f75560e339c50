import type { ThreadsDeleteReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';

/** Deletes a thread and its items. A missing or foreign thread is a 404. */
export async function threadsDelete<TContext>(request: ThreadsDeleteReq, env: RequestEnv<TContext>): Promise<object> {
  const { thread_id } = request.params;
  await env.store.loadThread(thread_id, env.context);
  await env.store.deleteThread(thread_id, env.context);
  return {};
}
