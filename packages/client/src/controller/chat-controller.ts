import { ActionConfig, type Action, type FeedbackKind, type UserMessageInput, type WidgetItem } from '@chatwire/protocol';
import { ChatKitClient, type ChatKitClientOptions } from '../chatkit-client.js';
import { ChatKitClientError } from '../errors.js';
import type { StructuredInputSubmissionInput } from '../request-types.js';
import type { ChatEvents, ClientToolCall } from './chat-events.js';
import { ChatStore } from './chat-store.js';
import { MAX_CLIENT_TOOL_ROUNDS, pendingClientToolCall, runClientTool, withCompletedCall } from './client-tools.js';
import { ReplyRunner, type ResumeReply } from './reply-runner.js';
import type { ChatState, ThreadView } from './state.js';
import { loadOlder, loadThread } from './thread-loader.js';
import { actionRoute } from '../widgets/action-route.js';
import { mergeFormValues, type FormValue } from '../widgets/form-payload.js';
import { indexOfItem, metadataOf, reuseUnchanged, upsertItem } from './thread-items.js';
import { listRemove, listUpsert, withThreadPage } from './thread-list.js';
import { toUserMessageInput, type SendMessageOptions } from './user-input.js';

/** What `runWidgetAction` needs besides the action and its widget. */
export interface WidgetActionOptions {
  /** The values of the form the action fired in (`Form`, `Card asForm`), by field name. */
  formValues?: Readonly<Record<string, FormValue>>;
  /** Handles `handler: "client"` actions (`widgets.onAction`); without it they are only logged. */
  onClientAction?: (action: Action, item: WidgetItem) => unknown;
}

export interface ChatControllerOptions {
  /** Where and how to reach the ChatKit endpoint. */
  api: ChatKitClientOptions;
  /**
   * Runs a client tool call the server is waiting on; what it returns is posted back with
   * `threads.add_client_tool_output`. When it throws, `{ error: message }` is posted instead.
   */
  onClientTool?: (call: ClientToolCall) => unknown;
  /** Items per page when opening a thread and loading older items (default 20). */
  itemPageSize?: number;
  /** Threads per page of the history list (default 20). */
  threadPageSize?: number;
}

/** A message that was sent but has not reached the server yet, so that `retry()` can send it again. */
interface PendingSend {
  input: UserMessageInput;
  delivered: boolean;
}

/**
 * The state of one chat, without any UI framework: the thread list, the open thread and its
 * items, the reply that is streaming, notices and errors. Read it with `getState()` and
 * `subscribe()` (the `useSyncExternalStore` pair); change it with the methods. Methods that talk to
 * the server never reject for server or network failures: they record `error` in the state and
 * emit `error`. They reject only when misused (sending while a reply streams).
 */
export class ChatController {
  readonly client: ChatKitClient;
  private readonly store = new ChatStore();
  private readonly replies: ReplyRunner;
  private pendingSend: PendingSend | null = null;
  private olderCursor: { threadId: string; after: string | undefined } | null = null;
  private loadToken = 0;
  private readonly itemPageSize: number;
  private readonly threadPageSize: number;

  constructor(private readonly options: ChatControllerOptions) {
    const { onInvalidEvent } = options.api;
    this.client = new ChatKitClient({
      ...options.api,
      onInvalidEvent: (invalid) => {
        onInvalidEvent?.(invalid);
        this.log('event.invalid', { ...invalid });
      },
    });
    this.replies = new ReplyRunner(this.store, (threadId) => {
      this.olderCursor = { threadId, after: undefined };
    });
    this.itemPageSize = options.itemPageSize ?? 20;
    this.threadPageSize = options.threadPageSize ?? 20;
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────

  /** The current snapshot; the same object until something changes. */
  getState = (): ChatState => this.store.getState();

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  on<K extends keyof ChatEvents>(name: K, listener: (payload: ChatEvents[K]) => void): () => void {
    return this.store.on(name, listener);
  }

  private get state(): ChatState {
    return this.store.getState();
  }

  // ── Local state ───────────────────────────────────────────────────────────────────────────

  setDraft(draft: string): void {
    if (draft !== this.state.draft) this.store.update({ draft });
  }

  dismissNotice(id: number): void {
    const notices = this.state.notices.filter((notice) => notice.id !== id);
    if (notices.length !== this.state.notices.length) this.store.update({ notices });
  }

  clearError(): void {
    if (this.state.error) this.store.update({ error: null, status: this.replies.running ? 'streaming' : 'idle' });
  }

  // ── Threads ───────────────────────────────────────────────────────────────────────────────

  /** Loads the first page of the thread list, replacing what was there. */
  async loadThreads(): Promise<void> {
    await this.loadThreadPage(undefined);
  }

  /** Appends the next page of the thread list. */
  async loadMoreThreads(): Promise<void> {
    const { threads } = this.state;
    if (!threads.hasMore || threads.loading || threads.after === undefined) return;
    await this.loadThreadPage(threads.after);
  }

  /** Opens a thread (its newest items), or starts a new chat with `null`. Stops a streaming reply first. */
  async setThread(threadId: string | null): Promise<void> {
    // Only this client stops reading: whether the reply runs on is the server's rule for a disconnect.
    this.replies.stop();
    const token = ++this.loadToken;
    this.pendingSend = null;
    const cleared: Partial<ChatState> = { notices: [], error: null, status: 'idle', progress: null, streamingItemId: null };
    if (threadId === null) {
      this.olderCursor = null;
      this.store.update({ ...cleared, thread: null, loadingThread: false });
      this.emit('thread.change', { threadId: null });
      return;
    }
    this.store.update({ loadingThread: true });
    this.emit('thread.load.start', { threadId });
    try {
      const loaded = await loadThread(this.client, threadId, this.itemPageSize);
      if (token !== this.loadToken) return;
      this.olderCursor = { threadId, after: loaded.olderCursor };
      this.store.update({ ...cleared, thread: loaded.view, loadingThread: false });
      this.emit('thread.change', { threadId });
      // A reply still running on the server (the page was reloaded mid-reply): show it continuing.
      void this.followRunningReply(threadId);
    } catch (error) {
      if (token !== this.loadToken) return;
      this.store.update({ loadingThread: false });
      this.fail(error, false);
    } finally {
      this.emit('thread.load.end', { threadId });
    }
  }

  /** Prepends the page of items before the oldest one shown. */
  async loadOlderItems(): Promise<void> {
    const view = this.state.thread;
    const cursor = this.olderCursor;
    if (!view || !view.hasMoreBefore || view.loadingOlder || cursor?.threadId !== view.metadata.id || !cursor.after) return;
    const threadId = view.metadata.id;
    this.setView({ ...view, loadingOlder: true });
    try {
      const older = await loadOlder(this.client, threadId, cursor.after, this.itemPageSize);
      const current = this.state.thread;
      if (current?.metadata.id !== threadId) return;
      const known = new Set(current.items.map((item) => item.id));
      const items = [...older.items.filter((item) => !known.has(item.id)), ...current.items];
      this.olderCursor = { threadId, after: older.cursor };
      this.setView({ ...current, items, hasMoreBefore: older.hasMore, loadingOlder: false });
    } catch (error) {
      const current = this.state.thread;
      if (current?.metadata.id === threadId) this.setView({ ...current, loadingOlder: false });
      this.fail(error, false);
    }
  }

  /** Reloads the open thread from the server; items that did not change keep their identity. */
  async fetchUpdates(): Promise<void> {
    const view = this.state.thread;
    if (!view) return;
    if (this.replies.running) {
      this.log('fetchUpdates.skipped', { reason: 'a reply is streaming' });
      return;
    }
    const threadId = view.metadata.id;
    const limit = Math.min(100, Math.max(this.itemPageSize, view.items.length));
    try {
      const loaded = await loadThread(this.client, threadId, limit);
      const current = this.state.thread;
      if (current?.metadata.id !== threadId || this.replies.running) return;
      this.olderCursor = { threadId, after: loaded.olderCursor };
      const items = reuseUnchanged(current.items, loaded.view.items);
      this.store.update({
        thread: { ...loaded.view, items },
        threads: listUpsert(this.state.threads, loaded.view.metadata, false),
      });
    } catch (error) {
      this.fail(error, false);
    }
  }

  async renameThread(threadId: string, title: string): Promise<void> {
    try {
      const metadata = metadataOf(await this.client.updateThread({ thread_id: threadId, title }));
      const view = this.state.thread;
      const thread = view?.metadata.id === threadId ? { ...view, metadata } : view;
      this.store.update({ thread, threads: listUpsert(this.state.threads, metadata, false) });
    } catch (error) {
      this.fail(error, false);
    }
  }

  async deleteThread(threadId: string): Promise<void> {
    const isCurrent = this.state.thread?.metadata.id === threadId;
    if (isCurrent && this.replies.running) this.stop();
    try {
      await this.client.deleteThread({ thread_id: threadId });
    } catch (error) {
      this.fail(error, false);
      return;
    }
    const threads = listRemove(this.state.threads, threadId);
    if (!this.state.thread || this.state.thread.metadata.id !== threadId) {
      this.store.update({ threads });
      return;
    }
    this.olderCursor = null;
    this.store.update({ threads, thread: null, notices: [], error: null, status: 'idle' });
    this.emit('thread.change', { threadId: null });
  }

  // ── Replies ───────────────────────────────────────────────────────────────────────────────

  /** Sends a user message: `threads.create` when no thread is open, else `threads.add_user_message`. */
  async sendMessage(message: SendMessageOptions): Promise<void> {
    this.assertIdle();
    if (message.newThread && this.state.thread) await this.setThread(null);
    const input = toUserMessageInput(message);
    this.pendingSend = { input, delivered: false };
    this.setDraft('');
    await this.sendInput(input);
  }

  /**
   * Stops the streaming reply. The server keeps the text streamed so far; so does the local state.
   * A server with `chatwire.threads.stop` is asked to stop it wherever it runs (closing the
   * stream alone may not stop it there), and the thread is then reloaded to show exactly what the
   * server kept; a stock server is stopped by closing the stream, as the reference does.
   */
  stop(): void {
    const threadId = this.replies.running ? this.currentThreadId() : null;
    this.replies.stop();
    if (threadId === null || !this.client.supports('chatwire.threads.stop')) return;
    this.client.stopThread({ thread_id: threadId }).then(
      () => (this.currentThreadId() === threadId ? this.fetchUpdates() : undefined),
      (error: unknown) => this.log('stop.failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /**
   * Runs the reply to a user message again (`threads.retry_after_item`): the last user message,
   * or the one at or before `itemId`. Items after it are dropped locally, as the server drops
   * them. A message that never reached the server is simply sent again.
   */
  async retry(itemId?: string): Promise<void> {
    this.assertIdle();
    const pending = this.pendingSend;
    if (pending && !pending.delivered && itemId === undefined) {
      await this.sendInput(pending.input);
      return;
    }
    const view = this.state.thread;
    let index = view ? (itemId === undefined ? view.items.length - 1 : indexOfItem(view.items, itemId)) : -1;
    while (index >= 0 && view?.items[index]?.type !== 'user_message') index--;
    const target = view?.items[index];
    if (!view || !target) {
      this.fail(new ChatKitClientError('There is no message to retry'), false);
      return;
    }
    this.setView({ ...view, items: view.items.slice(0, index + 1) });
    const threadId = view.metadata.id;
    const outcome = await this.replies.run(
      (signal) => this.client.retryAfterItem({ thread_id: threadId, item_id: target.id }, { signal }),
      undefined,
      this.resumer(),
    );
    if (outcome === 'completed') await this.runClientTools();
  }

  async feedback(itemIds: string[], kind: FeedbackKind): Promise<void> {
    const threadId = this.currentThreadId();
    if (!threadId) return;
    try {
      await this.client.sendFeedback({ thread_id: threadId, item_ids: itemIds, kind });
      const feedback = { ...this.state.feedback };
      for (const id of itemIds) feedback[id] = kind;
      this.store.update({ feedback });
    } catch (error) {
      this.fail(error, false);
    }
  }

  /** Answers the pending client tool call by hand (without `onClientTool`) and continues the reply. */
  async submitClientToolOutput(result: unknown): Promise<void> {
    this.assertIdle();
    const call = pendingClientToolCall(this.state);
    const threadId = this.currentThreadId();
    if (!threadId) return;
    if (call) this.store.set(withCompletedCall(this.state, call, result ?? null));
    const outcome = await this.replies.run(
      (signal) => this.client.addClientToolOutput({ thread_id: threadId, result: result ?? null }, { signal }),
      undefined,
      this.resumer(),
    );
    if (outcome === 'completed') await this.runClientTools();
  }

  /** Sends a widget action to the server (`threads.custom_action`) and streams its reply. */
  async sendCustomAction(action: Action, itemId?: string): Promise<void> {
    this.assertIdle();
    const threadId = this.currentThreadId();
    if (!threadId) return;
    const params = itemId === undefined ? { thread_id: threadId, action } : { thread_id: threadId, item_id: itemId, action };
    const outcome = await this.replies.run((signal) => this.client.customAction(params, { signal }), undefined, this.resumer());
    if (outcome === 'completed') await this.runClientTools();
  }

  /**
   * Sends a widget action synchronously (`threads.sync_custom_action`); the widget item the
   * server answers with replaces the one shown, in place. Works while a reply streams.
   */
  async sendSyncCustomAction(action: Action, itemId?: string): Promise<void> {
    const threadId = this.currentThreadId();
    if (!threadId) return;
    const params = itemId === undefined ? { thread_id: threadId, action } : { thread_id: threadId, item_id: itemId, action };
    try {
      const { updated_item: updated } = await this.client.syncCustomAction(params);
      const view = this.state.thread;
      if (updated && view?.metadata.id === threadId) this.setView({ ...view, items: upsertItem(view.items, updated) });
    } catch (error) {
      this.fail(error, false);
    }
  }

  /**
   * Runs an action a widget declared (`onClickAction`, `onSubmitAction`, …) as the spec routes
   * it: the form's values merged into its payload (a key the payload already has wins; the
   * ignored field is reported as an `error` event), then `handler: "client"` to
   * `onClientAction`, a streaming server action to `threads.custom_action`, a non-streaming one
   * to `threads.sync_custom_action` (a streaming one fired while a reply streams is sent once
   * that reply has ended). Resolves when the action is over; never rejects.
   */
  async runWidgetAction(config: unknown, item: WidgetItem, options: WidgetActionOptions = {}): Promise<void> {
    const parsed = ActionConfig.safeParse(config);
    if (!parsed.success) {
      this.fail(new ChatKitClientError(`The widget's action is not valid: ${parsed.error.issues[0]?.message ?? ''}`), false);
      return;
    }
    const { payload, ignored } = mergeFormValues(parsed.data.payload, options.formValues ?? {});
    if (ignored.length > 0) {
      const names = ignored.join(', ');
      this.emit('error', {
        error: new ChatKitClientError(`Form fields named like keys of the action's payload were not sent: ${names}`),
      });
    }
    const action: Action = { type: parsed.data.type, payload };
    switch (actionRoute(parsed.data)) {
      case 'client':
        if (!options.onClientAction) {
          this.log('widget.action.unhandled', { type: action.type });
          return;
        }
        try {
          await options.onClientAction(action, item);
        } catch (error) {
          this.log('widget.action.failed', {
            type: action.type,
            message: error instanceof Error ? error.message : String(error),
          });
        }
        return;
      case 'stream': {
        // One reply at a time: an action fired while one streams goes once it has ended.
        const threadId = this.currentThreadId();
        if (this.replies.running) await this.nextResponseEnd();
        if (this.replies.running || this.currentThreadId() !== threadId) {
          this.log('widget.action.skipped', { type: action.type, reason: 'another reply is streaming' });
          return;
        }
        await this.sendCustomAction(action, item.id);
        return;
      }
      case 'sync':
        await this.sendSyncCustomAction(action, item.id);
        return;
    }
  }

  /** Answers a structured-input item (`threads.add_structured_input`) and streams the reply. */
  async submitStructuredInput(itemId: string, input: StructuredInputSubmissionInput): Promise<void> {
    this.assertIdle();
    const threadId = this.currentThreadId();
    if (!threadId) return;
    const outcome = await this.replies.run(
      (signal) => this.client.addStructuredInput({ thread_id: threadId, item_id: itemId, input }, { signal }),
      undefined,
      this.resumer(),
    );
    if (outcome === 'completed') await this.runClientTools();
  }

  /** Stops reading any reply and drops every listener. */
  dispose(): void {
    this.replies.stop();
    this.store.clearListeners();
    this.loadToken++;
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────

  private async sendInput(input: UserMessageInput): Promise<void> {
    const threadId = this.currentThreadId();
    const pending = this.pendingSend;
    const outcome = await this.replies.run(
      (signal) =>
        threadId === null
          ? this.client.createThread({ input }, { signal })
          : this.client.addUserMessage({ thread_id: threadId, input }, { signal }),
      // The server stores the message before it opens the stream: from here on, retry means rerun.
      () => {
        if (pending) pending.delivered = true;
      },
      this.resumer(),
    );
    if (outcome === 'completed') await this.runClientTools();
  }

  /** Answers client tool calls with `onClientTool` for as long as replies end waiting on one. */
  private async runClientTools(): Promise<void> {
    const handler = this.options.onClientTool;
    if (!handler) return;
    for (let round = 0; round < MAX_CLIENT_TOOL_ROUNDS; round++) {
      const call = this.state.error ? undefined : pendingClientToolCall(this.state);
      const threadId = this.currentThreadId();
      if (!call || !threadId) return;
      const result = await runClientTool(handler, call, (name, data) => this.log(name, data));
      if (this.replies.running || this.currentThreadId() !== threadId) return;
      this.store.set(withCompletedCall(this.state, call, result));
      const outcome = await this.replies.run(
        (signal) => this.client.addClientToolOutput({ thread_id: threadId, result }, { signal }),
        undefined,
        this.resumer(),
      );
      if (outcome !== 'completed') return;
    }
    this.log('client_tool.rounds_exceeded', { limit: MAX_CLIENT_TOOL_ROUNDS });
  }

  private nextResponseEnd(): Promise<void> {
    return new Promise((resolve) => {
      const off = this.store.on('response.end', () => {
        off();
        resolve();
      });
    });
  }

  /**
   * How a dropped stream of the open thread's reply is picked up again: `chatwire.threads.resume`
   * from the events already folded, when the server has it (else the drop is an error, as before).
   */
  private resumer(): ResumeReply {
    return (after, signal) => {
      const threadId = this.currentThreadId();
      if (threadId === null || !this.client.supports('chatwire.threads.resume')) return null;
      return this.client.resumeThread({ thread_id: threadId, after_event: after }, { signal });
    };
  }

  /** Shows the open thread's reply that is still running on the server, from its start, if there is one. */
  private async followRunningReply(threadId: string): Promise<void> {
    if (!this.client.supports('chatwire.threads.resume')) return;
    const outcome = await this.replies.follow((after, signal) =>
      this.currentThreadId() === threadId
        ? this.client.resumeThread({ thread_id: threadId, after_event: after }, { signal })
        : null,
    );
    if (outcome === 'completed') await this.runClientTools();
  }

  private async loadThreadPage(after: string | undefined): Promise<void> {
    this.store.update({ threads: { ...this.state.threads, loading: true } });
    try {
      const page = await this.client.listThreads({ limit: this.threadPageSize, order: 'desc', after });
      const threads = { ...page, data: page.data.map(metadataOf) };
      this.store.update({ threads: withThreadPage(this.state.threads, threads, after === undefined) });
    } catch (error) {
      this.store.update({ threads: { ...this.state.threads, loading: false } });
      this.fail(error, false);
    }
  }

  private assertIdle(): void {
    if (this.replies.running) throw new ChatKitClientError('A reply is streaming; stop it or wait for it to end first');
  }

  private currentThreadId(): string | null {
    return this.state.thread?.metadata.id ?? null;
  }

  private fail(error: unknown, reply: boolean): void {
    this.store.fail(error, reply);
  }

  private setView(thread: ThreadView): void {
    this.store.update({ thread });
  }

  private emit<K extends keyof ChatEvents>(name: K, payload: ChatEvents[K]): void {
    this.store.emit(name, payload);
  }

  private log(name: string, data?: Record<string, unknown>): void {
    this.store.log(name, data);
  }
}
