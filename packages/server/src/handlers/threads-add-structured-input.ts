import type { ThreadMetadata, ThreadsAddStructuredInputReq } from '@chatwire/protocol';
import { BadRequestError, ConflictError } from '../errors.js';
import { runResponse } from '../event-pipeline.js';
import type { RequestEnv } from '../request-env.js';
import { streamOf, type StreamPlan } from './stream-plan.js';
import { applyStructuredInput, unknownAnswerIds } from './structured-input.js';
import { assertAcceptsInput } from './user-message.js';

/** Applies the user's answers (`thread.item.replaced`, persisted), then continues the reply. */
export async function threadsAddStructuredInput<TContext>(
  request: ThreadsAddStructuredInputReq,
  env: RequestEnv<TContext>,
): Promise<StreamPlan> {
  const { thread_id, item_id, input } = request.params;
  const thread = await env.store.loadThread(thread_id, env.context);
  assertAcceptsInput(thread);
  const item = await env.store.loadItem(thread_id, item_id, env.context);
  if (item.type !== 'structured_input') {
    throw new BadRequestError('params.item_id: the item is not a structured input', 'params.item_id');
  }
  if (item.status !== 'pending') throw new ConflictError('The structured input was already answered', 'already_answered');
  const ignored = unknownAnswerIds(item, input);
  if (ignored.length > 0) env.logger.warn('Ignoring answers to unknown questions', { threadId: thread_id, ignored });
  const answered = applyStructuredInput(item, input);
  return streamOf(
    runResponse(env, thread, (tracked: ThreadMetadata) => env.hooks.respond(tracked, null, env.context, { signal: env.signal }), {
      leading: [{ type: 'thread.item.replaced', item: answered }],
    }),
  );
}
