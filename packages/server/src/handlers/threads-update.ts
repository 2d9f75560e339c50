import { toWireThread, type Thread, type ThreadsUpdateReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';

/** Renames a thread; answers the thread with an empty item page. */
export async function threadsUpdate<TContext>(request: ThreadsUpdateReq, env: RequestEnv<TContext>): Promise<Thread> {
  const { thread_id, title } = request.params;
  const thread = await env.store.loadThread(thread_id, env.context);
  thread.title = title;
  await env.store.saveThread(thread, env.context);
  return toWireThread(thread);
}
