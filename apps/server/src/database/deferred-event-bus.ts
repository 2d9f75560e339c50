import type { ThreadStreamEvent } from '@chatwire/protocol';
import { ServiceUnavailableError, type AbandonedRun, type EventBus, type RunClaim, type RunEnd } from '@chatwire/server';

/**
 * The app's event bus before and after its database opens: the real bus once there is one. Until
 * then, runs cannot be opened (a reply then runs unrecorded), and there is nothing to renew or reap.
 */
export class DeferredEventBus implements EventBus {
  /** The database's bus batches as `PostgresEventBus` does. */
  readonly appendDelayMs = 25;

  constructor(private readonly current: () => EventBus | undefined) {}

  start(claim: RunClaim, leaseMs: number): Promise<void> {
    return this.#target().start(claim, leaseMs);
  }

  append(runId: string, first: number, events: readonly ThreadStreamEvent[]): Promise<void> {
    return this.#target().append(runId, first, events);
  }

  finish(runId: string, end: RunEnd): Promise<void> {
    return this.#target().finish(runId, end);
  }

  async renew(runIds: readonly string[], leaseMs: number): Promise<void> {
    await this.current()?.renew(runIds, leaseMs);
  }

  async *read(threadId: string, after: number, signal?: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    yield* this.#target().read(threadId, after, signal);
  }

  requestStop(threadId: string): Promise<boolean> {
    return this.#target().requestStop(threadId);
  }

  listen(owner: string, onStop: (runId: string) => void): Promise<() => Promise<void>> {
    return this.#target().listen(owner, onStop);
  }

  async reap(owner: string, leaseMs: number): Promise<AbandonedRun[]> {
    return (await this.current()?.reap(owner, leaseMs)) ?? [];
  }

  /** The app closes the real bus itself. */
  async close(): Promise<void> {}

  #target(): EventBus {
    const bus = this.current();
    if (!bus) throw new ServiceUnavailableError('The database is not open', 1);
    return bus;
  }
}
