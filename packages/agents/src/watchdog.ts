/**
 * Fires when the model owes the next event and has been silent for `ms`. One timer per response,
 * however many events: each event only records the time.
 */
export class Watchdog {
  fired = false;
  private last = 0;
  private watching = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly ms: number,
    private readonly onFire: () => void,
  ) {}

  beat(watching: boolean): void {
    this.last = performance.now();
    this.watching = watching;
    if (watching && !this.timer && this.ms > 0) {
      this.timer = setInterval(() => this.check(), Math.max(10, Math.min(1000, this.ms / 4)));
      this.timer.unref?.();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    if (!this.watching || this.fired || performance.now() - this.last < this.ms) return;
    this.fired = true;
    this.stop();
    this.onFire();
  }
}
