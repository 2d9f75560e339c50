/**
 * Which components actually rendered in each React commit, read the way React DevTools reads it:
 * through the DevTools global hook React calls on every commit. This module must be imported
 * before `react-dom` (first in the test file), since React looks for the hook when it loads.
 *
 * A fiber rendered in a commit when React visited it (it is not the same object as in the last
 * commit: React double-buffers the fibers it works on) and ran its function (`PerformedWork`).
 * A memoised component that bailed out was visited but did not run.
 */

interface Fiber {
  elementType: unknown;
  memoizedProps: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
}

interface FiberRoot {
  current: Fiber;
}

/** React's `PerformedWork` fiber flag. */
const PERFORMED_WORK = 1;

export interface Tracked {
  /** The component (the value passed to JSX, e.g. a `memo()` object). */
  type: unknown;
  /** A key for each instance, from its props (e.g. the item id); `''` when there is one instance. */
  key: (props: Record<string, unknown>) => string;
}

export class RenderTracker {
  private readonly seen = new Map<string, Fiber>();
  private recording: string[] | null = null;

  constructor(private readonly tracked: Record<string, Tracked>) {}

  /** Starts collecting `name:key` for every tracked render. */
  start(): void {
    this.recording = [];
  }

  /** Stops and returns what rendered since `start()`. */
  stop(): string[] {
    const renders = this.recording ?? [];
    this.recording = null;
    return renders;
  }

  onCommit(root: FiberRoot): void {
    const stack: Fiber[] = [root.current];
    while (stack.length) {
      const fiber = stack.pop()!;
      for (const [name, tracked] of Object.entries(this.tracked)) {
        if (fiber.elementType !== tracked.type) continue;
        const id = `${name}:${tracked.key((fiber.memoizedProps ?? {}) as Record<string, unknown>)}`;
        const visited = this.seen.get(id) !== fiber;
        this.seen.set(id, fiber);
        if (visited && fiber.flags & PERFORMED_WORK) this.recording?.push(id);
      }
      if (fiber.sibling) stack.push(fiber.sibling);
      if (fiber.child) stack.push(fiber.child);
    }
  }
}

let active: RenderTracker | null = null;

/** Sets which tracker receives commits. */
export function trackRenders(tracker: RenderTracker | null): void {
  active = tracker;
}

const hook = {
  supportsFiber: true,
  renderers: new Map<number, unknown>(),
  inject(renderer: unknown): number {
    const id = hook.renderers.size + 1;
    hook.renderers.set(id, renderer);
    return id;
  },
  onCommitFiberRoot(_rendererId: number, root: FiberRoot): void {
    active?.onCommit(root);
  },
  onCommitFiberUnmount(): void {},
  onPostCommitFiberRoot(): void {},
  setStrictMode(): void {},
  checkDCE(): void {},
};

(globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;
