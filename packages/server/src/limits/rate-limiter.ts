/** What a rate limiter says about one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts requests per key (a user id). The in-memory `createRateLimiter` is per process; an app
 * running several instances that wants one allowance across them implements this over a shared
 * store (Redis, Postgres), which is why `take` may answer with a promise.
 */
export interface RateLimiter {
  /** Counts one request against `key`, or refuses it when the key's allowance is used up. */
  take(key: string): RateDecision | Promise<RateDecision>;
}

export interface RateLimiterOptions {
  /** Requests allowed per `windowMs` for each key; also the largest burst. */
  limit: number;
  /** Default 60 000: `limit` is per minute. */
  windowMs?: number;
  /** The clock in milliseconds; injectable for tests. */
  now?: () => number;
}

/** Forget keys whose allowance is full again once the map is this large (checked every so often). */
const SWEEP_AT = 10_000;

/**
 * A per-process limiter, as the generic cell rate algorithm: each key may spend `limit` requests
 * at once, and gets one back every `windowMs / limit`. One number per key that has spent
 * anything; keys whose allowance has refilled are forgotten, so memory follows active users.
 */
/** The in-memory limiter: it answers at once. */
export interface MemoryRateLimiter extends RateLimiter {
  take(key: string): RateDecision;
}

export function createRateLimiter({ limit, windowMs = 60_000, now = Date.now }: RateLimiterOptions): MemoryRateLimiter {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${limit}`);
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be > 0, got ${windowMs}`);
  const interval = windowMs / limit;
  const tolerance = windowMs - interval;
  // The "theoretical arrival time" of each key: when its allowance would be full again.
  const due = new Map<string, number>();
  let takes = 0;

  const sweep = (time: number) => {
    for (const [key, at] of due) if (at <= time) due.delete(key);
  };

  return {
    take(key) {
      const time = now();
      if (++takes % 1_000 === 0 && due.size >= SWEEP_AT) sweep(time);
      const at = Math.max(due.get(key) ?? time, time);
      if (at - time > tolerance) return { allowed: false, retryAfterSeconds: Math.ceil((at - time - tolerance) / 1000) };
      due.set(key, at + interval);
      return { allowed: true };
    },
  };
}
