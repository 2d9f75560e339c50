/**
 * An unbounded single-consumer async queue. Producers push synchronously (from SDK stream
 * callbacks, tool code, run hooks), so everything lands in the order it happened; the consumer
 * awaits `next()`. `fail()` delivers an error after the items already queued.
 */
export class EventQueue<T> {
  private items: T[] = [];
  private head = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private waiter: ((result: IteratorResult<T>) => void) | undefined;
  private rejecter: ((error: unknown) => void) | undefined;

  get closed(): boolean {
    return this.ended;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiter) {
      const resolve = this.waiter;
      this.clearWaiter();
      resolve({ done: false, value: item });
      return;
    }
    this.items.push(item);
  }

  /** No more items; the consumer drains what is queued, then stops. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
  }

  /** No more items; the consumer drains what is queued, then receives `error`. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = { error };
    this.wake();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head]!;
      this.items[this.head] = undefined as T;
      this.head += 1;
      if (this.head === this.items.length) {
        this.items = [];
        this.head = 0;
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.ended) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = resolve;
      this.rejecter = reject;
    });
  }

  private wake(): void {
    const resolve = this.waiter;
    const reject = this.rejecter;
    if (!resolve || !reject) return;
    this.clearWaiter();
    if (this.failure) reject(this.failure.error);
    else resolve({ done: true, value: undefined });
  }

  private clearWaiter(): void {
    this.waiter = undefined;
    this.rejecter = undefined;
  }
}
