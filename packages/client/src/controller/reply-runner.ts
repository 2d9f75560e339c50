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
  /** Events of the reply so far, from its `stream_options` on: what `chatwire.threads.resume` takes. */
  events: number;
}

/** Opens the rest of a reply after the first `after` of its events (`chatwire.threads.resume`); null when the server cannot. */
export type ResumeReply = (after: number, signal: AbortSignal) => Promise<ThreadEventStream> | null;

/** A dropped stream is picked up again at most this many times per reply. */
const MAX_RESUMES = 3;

/**
 * Runs one streamed reply at a time: opens it, folds every event into the store, emits
 * `response.start`/`response.end`, effects and stream errors, and stops it on request. With
 * `resume` (a server that has `chatwire.threads.resume`), a stream that drops mid-reply is picked
 * up again from the events already folded, so nothing is missed or folded twice.
 */
export class ReplyRunner {
  private active: ActiveRun | null = null;
  private following: AbortController | null = null;
  private noticeCount = 0;

  constructor(
    private readonly store: ChatStore,
    /** Called for `thread.created`, so the controller can track the new thread. */
    private readonly onThreadCreated: (threadId: string) => void,
  ) {}

  get running(): boolean {
    return this.active !== null;
  }

  async run(
    open: (signal: AbortSignal) => Promise<ThreadEventStream>,
    onOpen?: () => void,
    resume?: ResumeReply,
  ): Promise<ResponseOutcome> {
    this.following?.abort();
    const run: ActiveRun = { abort: new AbortController(), stopped: false, events: 0 };
    this.begin(run);
    let outcome: ResponseOutcome = 'completed';
    try {
      const events = await open(run.abort.signal);
      onOpen?.();
      await this.consume(run, events, resume);
    } catch (error) {
      outcome = this.failed(run, error);
    }
    return this.end(run, outcome);
  }

  /**
   * Picks up a reply that is running on the server (after a page load): `open` streams it from its
   * start. Nothing changes, and `null` comes back, when no reply is running or another one started
   * meanwhile; otherwise it runs as `run` does.
   */
  async follow(open: ResumeReply): Promise<ResponseOutcome | null> {
    if (this.active) return null;
    const abort = new AbortController();
    this.following?.abort();
    this.following = abort;
    let iterator: AsyncIterator<ThreadStreamEvent>;
    let first: IteratorResult<ThreadStreamEvent>;
    try {
      const opened = open(0, abort.signal);
      if (!opened) return null;
      iterator = (await opened)[Symbol.asyncIterator]();
      first = await iterator.next();
    } catch {
      return null;
    } finally {
      if (this.following === abort) this.following = null;
    }
    if (first.done || abort.signal.aborted || this.active) {
      abort.abort();
      return null;
    }
    const run: ActiveRun = { abort, stopped: false, events: 0 };
    this.begin(run);
    let outcome: ResponseOutcome = 'completed';
    try {
      this.take(run, first.value);
      await this.consume(run, { [Symbol.asyncIterator]: () => iterator }, open);
    } catch (error) {
      outcome = this.failed(run, error);
    }
    return this.end(run, outcome);
  }

  /** Aborts the request; the state settles at once, as it will be once the server has cleaned up. */
  stop(): void {
    this.following?.abort();
    const run = this.active;
    if (!run) return;
    run.stopped = true;
    run.abort.abort();
    this.active = null;
    this.store.set(stoppedState(this.store.getState()));
    this.store.emit('response.end', { threadId: this.threadId(), outcome: 'stopped' });
  }

  private begin(run: ActiveRun): void {
    this.active = run;
    this.store.update({ status: 'streaming', error: null, progress: null, streamingItemId: null, allowCancel: true });
    this.store.emit('response.start', { threadId: this.threadId() });
  }

  /** Folds the stream's events; a stream that fails mid-reply is resumed (when it can be) from the count folded. */
  private async consume(run: ActiveRun, events: AsyncIterable<ThreadStreamEvent>, resume?: ResumeReply): Promise<void> {
    let stream = events;
    for (let resumes = 0; ; resumes++) {
      try {
        for await (const event of stream) {
          if (run.stopped) return;
          this.take(run, event);
        }
        return;
      } catch (error) {
        if (run.stopped || isAbortError(error) || !resume || run.events === 0 || resumes >= MAX_RESUMES) throw error;
        const resumed = resume(run.events, run.abort.signal);
        if (!resumed) throw error;
        this.store.log('stream.resume', { after: run.events });
        stream = await resumed;
      }
    }
  }

  private take(run: ActiveRun, event: ThreadStreamEvent): void {
    if (event.type === 'stream_options' || run.events > 0) run.events += 1;
    this.apply(event);
  }

  private failed(run: ActiveRun, error: unknown): ResponseOutcome {
    if (run.stopped || isAbortError(error)) return 'stopped';
    if (this.active === run) this.store.fail(error, true);
    return 'failed';
  }

  private end(run: ActiveRun, outcome: ResponseOutcome): ResponseOutcome {
    // `stop()` already settled the state and announced the end.
    if (run.stopped) return 'stopped';
    this.active = null;
    const state = this.store.getState();
    this.store.update({ status: state.error ? 'error' : 'idle', streamingItemId: null, progress: null });
    this.store.emit('response.end', { threadId: this.threadId(), outcome });
    return outcome;
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
