import { keptOnCancel, type ThreadStreamEvent } from '@chatwire/protocol';
import type { ThreadEventStream } from '../chatkit-client.js';
import { ChatKitStreamError, isAbortError } from '../errors.js';
import type { ResponseOutcome } from './chat-events.js';
import type { ChatStore } from './chat-store.js';
import { foldEvent } from './fold-event.js';
import type { ChatState } from './state.js';
import { indexOfItem, removeItem, replaceAt } from './thread-items.js';

interface ActiveRun {
  abort: AbortController;
  stopped: boolean;
}

/**
 * Runs one streamed reply at a time: opens it, folds every event into the store, emits
 * `response.start`/`response.end`, effects and stream errors, and stops it on request.
 */
export class ReplyRunner {
  private active: ActiveRun | null = null;
  private noticeCount = 0;

  constructor(
    private readonly store: ChatStore,
    /** Called for `thread.created`, so the controller can track the new thread. */
    private readonly onThreadCreated: (threadId: string) => void,
  ) {}

  get running(): boolean {
    return this.active !== null;
  }

  async run(open: (signal: AbortSignal) => Promise<ThreadEventStream>, onOpen?: () => void): Promise<ResponseOutcome> {
    const run: ActiveRun = { abort: new AbortController(), stopped: false };
    this.active = run;
    this.store.update({ status: 'streaming', error: null, progress: null, streamingItemId: null, allowCancel: true });
    this.store.emit('response.start', { threadId: this.threadId() });
    let outcome: ResponseOutcome = 'completed';
    try {
      const events = await open(run.abort.signal);
      onOpen?.();
      for await (const event of events) {
        if (run.stopped) break;
        this.apply(event);
      }
    } catch (error) {
      if (run.stopped || isAbortError(error)) outcome = 'stopped';
      else {
        outcome = 'failed';
        if (this.active === run) this.store.fail(error, true);
      }
    }
    // `stop()` already settled the state and announced the end.
    if (run.stopped) return 'stopped';
    this.active = null;
    const state = this.store.getState();
    this.store.update({ status: state.error ? 'error' : 'idle', streamingItemId: null, progress: null });
    this.store.emit('response.end', { threadId: this.threadId(), outcome });
    return outcome;
  }

  /** Aborts the request; the state settles at once, as it will be once the server has cleaned up. */
  stop(): void {
    const run = this.active;
    if (!run) return;
    run.stopped = true;
    run.abort.abort();
    this.active = null;
    this.store.set(stoppedState(this.store.getState()));
    this.store.emit('response.end', { threadId: this.threadId(), outcome: 'stopped' });
  }

  private apply(event: ThreadStreamEvent): void {
    const { state, problem } = foldEvent(this.store.getState(), event, () => ++this.noticeCount);
    this.store.set(state);
    if (problem) this.store.log('event.unapplied', { problem });
    if (event.type === 'thread.created') {
      this.onThreadCreated(event.thread.id);
      this.store.emit('thread.change', { threadId: event.thread.id });
    } else if (event.type === 'client_effect') {
      this.store.emit('effect', { name: event.name, data: event.data });
    } else if (event.type === 'error') {
      this.store.emit('error', { error: new ChatKitStreamError(event.code, event.message ?? '', event.allow_retry) });
    }
  }

  private threadId(): string | null {
    return this.store.getState().thread?.metadata.id ?? null;
  }
}

/**
 * The state right after a stop: nothing streams any more. The streaming item becomes what the
 * server keeps of a cancelled reply (`keptOnCancel`: text, a widget, a workflow's steps, an image,
 * with nothing left in progress) or is dropped, so reloading the thread changes nothing.
 */
function stoppedState(state: ChatState): ChatState {
  const next: ChatState = { ...state, status: state.error ? 'error' : 'idle', streamingItemId: null, progress: null };
  const view = state.thread;
  const id = state.streamingItemId;
  if (!view || id === null) return next;
  const index = indexOfItem(view.items, id);
  const item = view.items[index];
  if (!item) return next;
  const kept = keptOnCancel(item);
  if (kept === item) return next;
  return { ...next, thread: { ...view, items: kept ? replaceAt(view.items, index, kept) : removeItem(view.items, id) } };
}
