import type { ThreadMetadata } from '@chatwire/protocol';

/**
 * Watches the thread a responder may mutate (title, status, metadata…) so the pipeline can save it
 * and emit `thread.updated` right after the event that follows a change. The reference compares
 * the whole thread after every event; here a proxy raises a flag on any write at any depth, so the
 * per-event check is one boolean read, and the (small) snapshot comparison runs only after a write.
 */
export class ThreadTracker {
  readonly thread: ThreadMetadata;
  private readonly target: ThreadMetadata;
  private dirty = false;
  private snapshot: string;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(thread: ThreadMetadata) {
    this.target = thread;
    this.snapshot = JSON.stringify(thread);
    this.thread = this.wrap(thread);
  }

  /** True when the thread differs from what was last saved; takes the new state as saved. */
  takeChange(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const current = JSON.stringify(this.thread);
    if (current === this.snapshot) return false;
    this.snapshot = current;
    return true;
  }

  /** A plain copy of the current thread, detached from the proxy. */
  current(): ThreadMetadata {
    return structuredClone(this.target);
  }

  private wrap<T extends object>(target: T): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get: (obj, key, receiver) => {
        const value: unknown = Reflect.get(obj, key, receiver);
        return value !== null && typeof value === 'object' ? this.wrap(value) : value;
      },
      set: (obj, key, value: unknown) => {
        // Store plain objects only, so the thread stays cloneable when a proxy is assigned back.
        const plain = this.unwrap(value);
        if (Reflect.get(obj, key) !== plain) this.dirty = true;
        return Reflect.set(obj, key, plain);
      },
      deleteProperty: (obj, key) => {
        if (Reflect.has(obj, key)) this.dirty = true;
        return Reflect.deleteProperty(obj, key);
      },
      defineProperty: (obj, key, descriptor) => {
        this.dirty = true;
        return Reflect.defineProperty(obj, key, descriptor);
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  private unwrap(value: unknown): unknown {
    return value !== null && typeof value === 'object' ? (this.targets.get(value) ?? value) : value;
  }
}
