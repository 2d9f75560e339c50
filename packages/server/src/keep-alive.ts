/** Proxies and load balancers commonly drop a connection idle for 30 to 60 s; half of the shortest. */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;

/** A `keepAliveMs` setting, checked: a whole number of milliseconds, 0 for none. */
export function keepAliveSetting(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_KEEP_ALIVE_MS;
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new RangeError(`keepAliveMs must be a whole number of milliseconds >= 0, got ${ms}`);
  return ms;
}

/**
 * Calls `onSilence` once `ms` pass without `touch()`, and again after each further silence, while
 * it returns true. One timer per stream, armed only while someone watches and re-armed only when
 * it fires, so marking activity on the hot path costs a clock read and nothing else.
 */
export class SilenceTimer {
  #last = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => boolean,
  ) {}

  /** Bytes went out: the next silence counts from now. */
  touch(): void {
    this.#last = Date.now();
  }

  /** Starts (or keeps) watching; silence since the last `touch()` counts. */
  watch(): void {
    if (this.#timer === undefined) this.#arm();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    const left = Math.max(0, this.ms - (Date.now() - this.#last));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (Date.now() - this.#last >= this.ms) {
        // Counted as sent before the callback runs: what it sends may re-enter `watch()`.
        const before = this.#last;
        this.#last = Date.now();
        if (!this.onSilence()) {
          this.#last = before;
          this.stop();
          return;
        }
      }
      if (this.#timer === undefined) this.#arm();
    }, left);
  }
}
