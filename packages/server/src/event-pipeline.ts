import {
  isHiddenItem,
  keptOnCancel,
  toWireThread,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
} from '@chatwire/protocol';
import { CustomStreamError, StreamError } from './errors.js';
import { describeError } from './logger.js';
import { PendingItems } from './pending-items.js';
import { ServerStop } from './runs.js';
import type { RequestEnv } from './request-env.js';
import { toErrorEvent } from './stream-errors.js';
import { ThreadTracker } from './thread-tracker.js';

export interface ResponseOptions {
  /** Events to run through the pipeline before the responder's own (persisted the same way). */
  leading?: ThreadStreamEvent[];
}

/**
 * Runs one response (`respond()` or `action()`) and owns everything around it, as the reference's
 * `_process_events` does: `stream_options` first; persistence driven by events (done → add,
 * replaced → upsert, removed → delete; added/updated are not written); hidden items stored but
 * never sent; thread changes saved and announced with `thread.updated`; errors turned into an
 * `error` event that ends the stream cleanly; and cancellation when the client goes away.
 *
 * Work per event is proportional to the event: no thread re-serialization, no deep comparison,
 * and no promise of our own for events that write nothing (deltas).
 */
export async function* runResponse<TContext>(
  env: RequestEnv<TContext>,
  thread: ThreadMetadata,
  start: (thread: ThreadMetadata) => AsyncIterable<ThreadStreamEvent>,
  options: ResponseOptions = {},
): AsyncGenerator<ThreadStreamEvent> {
  // Stopped before it began (the client left, the server is shutting down): nothing to run or clean up.
  if (env.run && !env.run.begin()) return;
  // Every event the client gets also goes to the thread's run log, for a client resuming it.
  const recording = env.run && env.runs ? await env.runs.open(thread.id, env.context, env.run) : undefined;
  let ended: Promise<void> | undefined;
  const end = () =>
    (ended ??= (async () => {
      await recording?.finish(env.signal.aborted ? 'stopped' : 'completed');
      env.run?.end();
    })());
  // Each event goes to the log just before it is yielded (no generator around this one: one more
  // async layer per event is what the hot path cannot pay).
  const out = recording
    ? (event: ThreadStreamEvent) => {
        recording.record(event);
        return event;
      }
    : (event: ThreadStreamEvent) => event;
  const { hooks, context, signal } = env;
  const tracker = new ThreadTracker(thread);
  const pending = new PendingItems();
  let cancellation: Promise<void> | undefined;
  try {
    yield out({ type: 'stream_options', stream_options: hooks.getStreamOptions(tracker.thread, context) });

    let iterator: AsyncIterator<ThreadStreamEvent> | undefined;
    // Cancellation starts from the abort itself, not from the loop: a responder that ignores its
    // signal and never yields again must not keep the partial answer from being saved.
    const onAbort = () => {
      cancellation ??= cancel(env, tracker, pending);
      void cancellation.then(end);
      void iterator?.return?.()?.catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let completed = false;
    try {
      for (const event of options.leading ?? []) {
        const outgoing = await settle(env, thread.id, event, pending);
        if (outgoing) yield out(outgoing);
      }
      iterator = start(tracker.thread)[Symbol.asyncIterator]();
      while (!signal.aborted) {
        const next = await iterator.next();
        if (next.done || signal.aborted) break;
        const event = next.value;
        const write = track(env, thread.id, event, pending);
        if (write) await write;
        if (!(event.type === 'thread.item.done' && isHiddenItem(event.item))) yield out(event);
        if (tracker.takeChange()) yield out(await saveThread(env, tracker));
      }
      completed = !signal.aborted;
    } catch (error) {
      // The failure may be ours (a store write): stop the responder's work too.
      void iterator?.return?.()?.catch(() => {});
      if (!signal.aborted) {
        completed = true;
        // A refusal meant for the user (a model failure, a budget) is the app working as it should.
        const expected = error instanceof CustomStreamError || error instanceof StreamError;
        env.logger[expected ? 'warn' : 'error']('Response failed', { threadId: thread.id, ...describeError(error) });
        yield out(toErrorEvent(error));
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Stopped early: aborted, or the consumer stopped reading without aborting.
      if (!completed) await (cancellation ??= cancel(env, tracker, pending));
    }
    if (tracker.takeChange()) yield out(await saveThread(env, tracker));
    // Stopped by the server rather than the client, who is still reading: say why.
    if (signal.reason instanceof ServerStop)
      yield out({ type: 'error', code: 'custom', message: signal.reason.message, allow_retry: true });
  } finally {
    if (cancellation) await cancellation;
    await end();
  }
}

/**
 * Folds the event into the pending copies and starts its write, if it has one. Synchronous for
 * the events that write nothing, so a stream of deltas costs no extra promises.
 */
function track<TContext>(
  env: RequestEnv<TContext>,
  threadId: string,
  event: ThreadStreamEvent,
  pending: PendingItems,
): Promise<void> | undefined {
  const { store, context } = env;
  pending.follow(event);
  switch (event.type) {
    case 'thread.item.done':
      return store.addThreadItem(threadId, event.item, context);
    case 'thread.item.replaced':
      return store.saveItem(threadId, event.item, context);
    case 'thread.item.removed':
      return store.deleteThreadItem(threadId, event.item_id, context);
    default:
      return undefined;
  }
}

/** `track` plus the hidden-item rule, for the leading events. */
async function settle<TContext>(
  env: RequestEnv<TContext>,
  threadId: string,
  event: ThreadStreamEvent,
  pending: PendingItems,
): Promise<ThreadStreamEvent | undefined> {
  await track(env, threadId, event, pending);
  return event.type === 'thread.item.done' && isHiddenItem(event.item) ? undefined : event;
}

async function saveThread<TContext>(env: RequestEnv<TContext>, tracker: ThreadTracker): Promise<ThreadStreamEvent> {
  const thread = tracker.current();
  await env.store.saveThread(thread, env.context);
  return { type: 'thread.updated', thread: toWireThread(thread) };
}

async function cancel<TContext>(env: RequestEnv<TContext>, tracker: ThreadTracker, pending: PendingItems): Promise<void> {
  const { hooks, context } = env;
  try {
    if (tracker.takeChange()) await env.store.saveThread(tracker.current(), context);
    await hooks.handleStreamCancelled(tracker.thread, pending.values(), context);
  } catch (error) {
    env.logger.error('Cleaning up a cancelled response failed', { ...describeError(error) });
  }
}

/**
 * The items a cancelled reply leaves behind by default: each pending item as the user saw it,
 * settled, when it showed something worth keeping (`keptOnCancel`: text, a widget, a workflow's
 * steps, an image), the rule the client also applies when it stops a reply.
 */
export function keepOnCancel(items: ThreadItem[]): ThreadItem[] {
  return items.flatMap((item) => keptOnCancel(item) ?? []);
}
