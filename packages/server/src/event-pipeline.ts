import type { ThreadItem, ThreadMetadata, ThreadStreamEvent } from '@chatwire/protocol';
import { isHiddenItem, toWireThread } from '@chatwire/protocol';
import { toErrorEvent } from './stream-errors.js';
import { describeError } from './logger.js';
import { PendingItems } from './pending-items.js';
import type { RequestEnv } from './request-env.js';
import { ThreadTracker } from './thread-tracker.js';

/**
 * Runs one response (`respond()` or `action()`) and owns everything around it, as the reference's
 * `_process_events` does: `stream_options` first; persistence driven by events (done → add,
 * replaced → upsert, removed → delete; added/updated are not written); hidden items stored but
 * never sent; thread changes saved and announced with `thread.updated`; errors turned into an
 * `error` event that ends the stream cleanly; and cancellation when the client goes away.
 *
 * Work per event is proportional to the event: no thread re-serialization, no deep comparison.
 */
export async function* runResponse<TContext>(
  env: RequestEnv<TContext>,
  thread: ThreadMetadata,
  start: (thread: ThreadMetadata) => AsyncIterable<ThreadStreamEvent>,
): AsyncGenerator<ThreadStreamEvent> {
  const { server, store, context, signal } = env;
  const tracker = new ThreadTracker(thread);
  const pending = new PendingItems();
  yield { type: 'stream_options', stream_options: server.getStreamOptions(tracker.thread, context) };

  let iterator: AsyncIterator<ThreadStreamEvent> | undefined;
  let finished = false;
  try {
    iterator = start(tracker.thread)[Symbol.asyncIterator]();
    const race = new AbortRace(signal);
    for (;;) {
      const next = await race.next(iterator);
      if (next === ABORTED || next.done) break;
      const outgoing = await persist(env, thread.id, next.value, pending);
      if (outgoing) yield outgoing;
      if (tracker.takeChange()) yield await saveThread(env, tracker);
    }
    finished = !signal.aborted;
  } catch (error) {
    if (!signal.aborted) {
      finished = true;
      env.logger.error('Response failed', { threadId: thread.id, ...describeError(error) });
      yield toErrorEvent(error);
    }
  } finally {
    if (!finished) {
      // The client went away (or stopped the reply). Let the responder's own cleanup run without
      // waiting for it: it may be blocked on work the abort signal is cancelling.
      void iterator?.return?.()?.catch(() => {});
      await cancel(env, tracker, pending);
    }
  }
  if (tracker.takeChange()) yield await saveThread(env, tracker);
}

async function persist<TContext>(
  env: RequestEnv<TContext>,
  threadId: string,
  event: ThreadStreamEvent,
  pending: PendingItems,
): Promise<ThreadStreamEvent | undefined> {
  const { store, context } = env;
  switch (event.type) {
    case 'thread.item.added':
      pending.add(event.item);
      return event;
    case 'thread.item.updated':
      pending.apply(event.item_id, event.update);
      return event;
    case 'thread.item.done':
      await store.addThreadItem(threadId, event.item, context);
      pending.settle(event.item.id);
      return isHiddenItem(event.item) ? undefined : event;
    case 'thread.item.replaced':
      await store.saveItem(threadId, event.item, context);
      pending.settle(event.item.id);
      return event;
    case 'thread.item.removed':
      await store.deleteThreadItem(threadId, event.item_id, context);
      pending.settle(event.item_id);
      return event;
    default:
      return event;
  }
}

async function saveThread<TContext>(env: RequestEnv<TContext>, tracker: ThreadTracker): Promise<ThreadStreamEvent> {
  const thread = tracker.current();
  await env.store.saveThread(thread, env.context);
  return { type: 'thread.updated', thread: toWireThread(thread) };
}

async function cancel<TContext>(env: RequestEnv<TContext>, tracker: ThreadTracker, pending: PendingItems): Promise<void> {
  const { server, context } = env;
  try {
    if (tracker.takeChange()) await env.store.saveThread(tracker.current(), context);
    await server.handleStreamCancelled(tracker.thread, pending.values(), context);
  } catch (error) {
    env.logger.error('Cleaning up a cancelled response failed', { ...describeError(error) });
  }
}

const ABORTED = Symbol('aborted');

/**
 * Awaits the responder's next event, or the abort, whichever comes first. One abort listener
 * serves the whole stream (a `Promise.race` per event would pile reactions onto one promise).
 */
class AbortRace {
  private settle: ((value: typeof ABORTED) => void) | undefined;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.settle?.(ABORTED), { once: true });
  }

  next(iterator: AsyncIterator<ThreadStreamEvent>): Promise<IteratorResult<ThreadStreamEvent> | typeof ABORTED> {
    if (this.signal.aborted) return Promise.resolve(ABORTED);
    return new Promise((resolve, reject) => {
      this.settle = resolve;
      iterator.next().then(resolve, reject);
    });
  }
}

/** The items a cancelled reply leaves behind by default: non-blank assistant text. */
export function keepOnCancel(items: ThreadItem[]): ThreadItem[] {
  return items.filter((item) => item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== ''));
}
