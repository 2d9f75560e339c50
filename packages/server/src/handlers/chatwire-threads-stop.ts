import type { ChatwireThreadsStopReq } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';

/**
 * `chatwire.threads.stop`: stops the thread's running reply wherever it runs, then answers `{}`
 * once the reply has saved what a cancelled reply keeps (its partial text and a hidden note), so
 * the thread read right after shows exactly that. No running reply: `{}` at once.
 */
export async function chatwireThreadsStop<TContext>(request: ChatwireThreadsStopReq, env: RequestEnv<TContext>): Promise<object> {
  const thread = await env.store.loadThread(request.params.thread_id, env.context);
  await env.runs?.stop(thread.id);
  return {};
}
