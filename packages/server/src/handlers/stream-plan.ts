import type { ThreadStreamEvent } from '@chatwire/protocol';

/**
 * What a streaming handler answers once its checks have passed: events already persisted that
 * open the stream (`thread.created`, the user message), then the response pipeline's events.
 */
export interface StreamPlan {
  prelude: ThreadStreamEvent[];
  events: AsyncGenerator<ThreadStreamEvent>;
}

export function streamOf(events: AsyncGenerator<ThreadStreamEvent>, prelude: ThreadStreamEvent[] = []): StreamPlan {
  return { prelude, events };
}
