import { useSyncExternalStore } from 'react';

/**
 * A module fetched the first time something needs it (a dynamic `import()`, a chunk of its own
 * that the base bundle does not carry), shared by every part that uses it. Parts read it with
 * `useLazyModule` and render again when it arrives; until then they show a plain fallback.
 */
export class LazyModule<T> {
  private value: T | undefined;
  private loading: Promise<T> | undefined;
  private failed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly loader: () => Promise<T>) {}

  /** The module if it is here; starts fetching it otherwise. */
  get = (): T | undefined => {
    if (this.value === undefined && !this.loading && !this.failed) void this.load().catch(() => {});
    return this.value;
  };

  /** Resolves with the module once it is here (fetching it if need be). */
  load(): Promise<T> {
    this.loading ??= this.loader().then(
      (value) => {
        this.value = value;
        for (const listener of [...this.listeners]) listener();
        return value;
      },
      (error: unknown) => {
        // A chunk that cannot load leaves the fallback in place; it is not asked for again.
        this.failed = true;
        throw error;
      },
    );
    return this.loading;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  peek = (): T | undefined => this.value;
}

/** The module, once loaded; `undefined` before (and the load starts) or when `wanted` is false. */
export function useLazyModule<T>(module: LazyModule<T>, wanted = true): T | undefined {
  const value = useSyncExternalStore(module.subscribe, module.peek, module.peek);
  if (wanted && value === undefined) module.get();
  return value;
}
