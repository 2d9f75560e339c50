import type { StreamOptions, ThreadItem, ThreadMetadata } from '@chatwire/protocol';
import { NotImplementedError } from './errors.js';
import { keepOnCancel } from './event-pipeline.js';
import type { ChatKitHooks, ResolvedHooks } from './hooks.js';
import type { Store } from './store.js';

/** What the server adds to the thread after a reply is cancelled, so the model knows. */
export const CANCELLED_NOTE = 'The user stopped the previous response before it finished. Do not continue it unless they ask.';

/** What the default cancellation cleanup writes with. */
export interface CancellationDeps<TContext> {
  readonly store: Store<TContext>;
  now(): string;
}

export function refuseAction(): never {
  throw new NotImplementedError('This server does not handle widget actions');
}

export function refuseSyncAction(): Promise<never> {
  return Promise.reject(new NotImplementedError('This server does not handle synchronous widget actions'));
}

export function refuseTranscription(): Promise<never> {
  return Promise.reject(new NotImplementedError('This server does not transcribe audio'));
}

export function defaultStreamOptions(): StreamOptions {
  return { allow_cancel: true };
}

/** The default `handleStreamCancelled`: keep the assistant text the user saw, then a hidden note. */
export async function keepPartialReply<TContext>(
  deps: CancellationDeps<TContext>,
  thread: ThreadMetadata,
  pendingItems: ThreadItem[],
  context: TContext,
): Promise<void> {
  const { store } = deps;
  for (const item of keepOnCancel(pendingItems)) await store.addThreadItem(thread.id, item, context);
  await store.addThreadItem(
    thread.id,
    {
      type: 'sdk_hidden_context',
      id: store.generateItemId('sdk_hidden_context', thread, context),
      thread_id: thread.id,
      created_at: deps.now(),
      content: CANCELLED_NOTE,
    },
    context,
  );
}

/**
 * Every hook, with the defaults for the missing ones. Each call goes through `hooks` itself, so
 * hooks written as methods keep their `this` and a subclass's overrides are the ones that run.
 */
export function resolveHooks<TContext>(hooks: ChatKitHooks<TContext>, deps: CancellationDeps<TContext>): ResolvedHooks<TContext> {
  return {
    respond: (...args) => hooks.respond(...args),
    action: (...args) => (hooks.action ? hooks.action(...args) : refuseAction()),
    syncAction: (...args) => (hooks.syncAction ? hooks.syncAction(...args) : refuseSyncAction()),
    addFeedback: async (...args) => {
      if (hooks.addFeedback) await hooks.addFeedback(...args);
    },
    transcribe: (...args) => (hooks.transcribe ? hooks.transcribe(...args) : refuseTranscription()),
    getStreamOptions: (...args) => (hooks.getStreamOptions ? hooks.getStreamOptions(...args) : defaultStreamOptions()),
    handleStreamCancelled: (...args) =>
      hooks.handleStreamCancelled ? hooks.handleStreamCancelled(...args) : keepPartialReply(deps, ...args),
  };
}
