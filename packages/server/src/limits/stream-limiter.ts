/** A place taken by one streaming reply; `release()` gives it back (more than once is harmless). */
export interface StreamSlot {
  release(): void;
}

/**
 * Caps the replies that stream at once per key (a user id). A slot is held from the moment a
 * streaming request is admitted until its reply is over: finished, failed, or stopped and its
 * partial answer saved, which is later than the connection closing when a reply outlives it.
 */
export interface StreamLimiter {
  /** A slot for `key`, or `undefined` when all of its slots are taken. */
  acquire(key: string): StreamSlot | undefined | Promise<StreamSlot | undefined>;
}

export interface StreamLimiterOptions {
  /** Concurrent streaming replies per key. */
  maxPerKey: number;
}

/** Per process, in memory: with several instances, each enforces its own cap. */
/** The in-memory limiter: it answers at once, and tells how many slots a key holds. */
export interface MemoryStreamLimiter extends StreamLimiter {
  acquire(key: string): StreamSlot | undefined;
  active(key: string): number;
}

export function createStreamLimiter({ maxPerKey }: StreamLimiterOptions): MemoryStreamLimiter {
  if (!Number.isSafeInteger(maxPerKey) || maxPerKey < 1) {
    throw new RangeError(`maxPerKey must be a whole number >= 1, got ${maxPerKey}`);
  }
  const counts = new Map<string, number>();
  return {
    acquire(key) {
      const held = counts.get(key) ?? 0;
      if (held >= maxPerKey) return undefined;
      counts.set(key, held + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const left = (counts.get(key) ?? 1) - 1;
          if (left <= 0) counts.delete(key);
          else counts.set(key, left);
        },
      };
    },
    active: (key) => counts.get(key) ?? 0,
  };
}
