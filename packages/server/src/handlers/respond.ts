import type { ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { runResponse } from '../event-pipeline.js';
import type { RequestEnv } from '../request-env.js';

/** Runs `respond()` for the thread through the event pipeline. */
export function respondTo<TContext>(
  env: RequestEnv<TContext>,
  thread: ThreadMetadata,
  input: UserMessageItem | null,
): AsyncGenerator<ThreadStreamEvent> {
  return runResponse(env, thread, (tracked) => env.hooks.respond(tracked, input, env.context, { signal: env.signal }));
}
