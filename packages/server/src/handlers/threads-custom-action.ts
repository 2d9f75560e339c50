import type { ThreadStreamEvent, ThreadsCustomActionReq } from '@chatwire/protocol';
import { runResponse } from '../event-pipeline.js';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { loadSender } from './widget-sender.js';
import { assertAcceptsInput } from './user-message.js';

/**
 * Runs a widget action through the event pipeline. An action naming an item that is not a widget
 * answers a stream holding one non-retryable `error` event and no `stream_options`: a client can
 * observe this, so it follows the reference exactly.
 */
export async function threadsCustomAction<TContext>(
  request: ThreadsCustomActionReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const { thread_id, item_id, action } = request.params;
  const thread = await env.store.loadThread(thread_id, env.context);
  assertAcceptsInput(thread);
  const sender = await loadSender(thread_id, item_id, env);
  if (sender === 'not_a_widget') {
    return streamOf(noEvents(), [{ type: 'error', code: 'stream.error', allow_retry: false }]);
  }
  return streamOf(
    runResponse(env, thread, (tracked) => env.hooks.action(tracked, action, sender, env.context, { signal: env.signal })),
  );
}

async function* noEvents(): AsyncGenerator<ThreadStreamEvent> {}
