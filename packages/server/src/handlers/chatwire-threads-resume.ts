import type { ChatwireThreadsResumeReq, ThreadStreamEvent } from '@chatwire/protocol';
import type { RequestEnv } from '../request-env.js';
import type { StreamPlan } from './stream-plan.js';

/**
 * `chatwire.threads.resume`: the thread's running reply from its event `after_event` on, then live,
 * to its end; with no running reply the stream ends at once. Leaving it never stops the reply.
 */
export async function chatwireThreadsResume<TContext>(
  request: ChatwireThreadsResumeReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const thread = await env.store.loadThread(request.params.thread_id, env.context);
  const events = env.runs ? env.runs.follow(thread.id, request.params.after_event, env.signal) : nothing();
  return { prelude: [], events };
}

async function* nothing(): AsyncGenerator<ThreadStreamEvent> {}
