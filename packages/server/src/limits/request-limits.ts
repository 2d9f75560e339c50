import { isStreamingReq, type ChatKitReq } from '@chatwire/protocol';
import { RateLimitedError } from '../errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { StreamLimiter, StreamSlot } from './stream-limiter.js';

/** What one user may ask of the server; every part is optional and off when left out. */
export interface RequestLimits<TContext> {
  /**
   * Whose allowance a request spends. Default: the context's `userId` when it has one (a string);
   * `undefined` leaves the request unlimited.
   */
  key?: (context: TContext) => string | undefined;
  /** Requests of any type per key (`createRateLimiter`). Refused: 429 `rate_limited` with `Retry-After`. */
  requests?: RateLimiter;
  /** Replies streaming at once per key (`createStreamLimiter`). Refused: 429 `too_many_streams`. */
  streams?: StreamLimiter;
  /**
   * The longest user message, in characters (Unicode code points) of its text and tags plus its
   * quoted text. Longer: 400 `message_too_long`, and nothing is stored.
   */
  maxMessageChars?: number;
}

/** How long a client refused for too many streams should wait: about one short reply. */
const STREAMS_RETRY_AFTER_SECONDS = 2;

/**
 * Applies the rate limit and, for a streaming request, takes a stream slot, before the request
 * reads or writes anything. Throws `RateLimitedError` when refused; the slot (if any) is the
 * caller's to release when the reply is over.
 */
export async function admit<TContext>(
  limits: RequestLimits<TContext> | undefined,
  request: ChatKitReq,
  context: TContext,
): Promise<StreamSlot | undefined> {
  if (!limits || (!limits.requests && !limits.streams)) return undefined;
  const key = (limits.key ?? userIdOf)(context);
  if (key === undefined) return undefined;
  if (limits.requests) {
    const decision = await limits.requests.take(key);
    if (!decision.allowed) {
      throw new RateLimitedError(
        `Too many requests; try again in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
        'rate_limited',
      );
    }
  }
  if (!limits.streams || !isStreamingReq(request)) return undefined;
  const slot = await limits.streams.acquire(key);
  if (!slot) {
    throw new RateLimitedError(
      'Too many replies are streaming at once for this user; wait for one to finish',
      STREAMS_RETRY_AFTER_SECONDS,
      'too_many_streams',
    );
  }
  return slot;
}

function userIdOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('userId' in context)) return undefined;
  return typeof context.userId === 'string' ? context.userId : undefined;
}
