import {
  Task,
  Workflow,
  type IconName,
  type JsonObject,
  type NoticeEvent,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type WidgetRoot,
  type WorkflowSummary,
} from '@chatwire/protocol';
import { streamWidget, type Store, type StoreItemType } from '@chatwire/server';
import type { z } from 'zod';
import type { ModelContextData } from './model-context.js';
import type { ResponseSink } from './response-sink.js';

/** A task as tools write it: fields with defaults (like `status_indicator`) may be left out. */
export type TaskInput = z.input<typeof Task>;
export type WorkflowInput = z.input<typeof Workflow>;

/** The call a client tool asked for; the response ends with it as a pending `client_tool_call` item. */
export interface PendingClientToolCall {
  name: string;
  arguments: JsonObject;
  callId: string;
}

export interface AgentContextInit<TContext> {
  thread: ThreadMetadata;
  store: Store<TContext>;
  requestContext: TContext;
  modelContext: ModelContextData;
  signal: AbortSignal;
  sink: ResponseSink;
}

/**
 * The run context every tool receives (`runContext.context`). Everything a tool streams through it
 * reaches the client in order with the model's own output.
 *
 * ```ts
 * tool({ name: 'lookup_order', parameters, execute: async ({ id }, run) => {
 *   run?.context.streamProgress(`Looking up order ${id}…`);
 *   …
 * } })
 * ```
 */
export class AgentContext<TContext = unknown> {
  // Private fields behind getters: the context has no own enumerable properties, so a run state
  // the SDK serializes (for a tool approval) stores none of the user's context, stores or signals.
  readonly #thread: ThreadMetadata;
  readonly #store: Store<TContext>;
  readonly #requestContext: TContext;
  readonly #modelContext: ModelContextData;
  readonly #signal: AbortSignal;
  #sink: ResponseSink;
  #clientToolCall: PendingClientToolCall | undefined;

  constructor(init: AgentContextInit<TContext>) {
    this.#thread = init.thread;
    this.#store = init.store;
    this.#requestContext = init.requestContext;
    this.#modelContext = init.modelContext;
    this.#signal = init.signal;
    this.#sink = init.sink;
  }

  get thread(): ThreadMetadata {
    return this.#thread;
  }

  get store(): Store<TContext> {
    return this.#store;
  }

  /** The app's request context (user, page, locale, …), as the server received it. */
  get requestContext(): TContext {
    return this.#requestContext;
  }

  /** What the model is told about the user and the page: cleaned display data, never credentials. */
  get modelContext(): ModelContextData {
    return this.#modelContext;
  }

  /** Aborts when the user stops the reply or disconnects; pass it to slow work. */
  get signal(): AbortSignal {
    return this.#signal;
  }

  /** The client tool call this response ends with, if a client tool was called. */
  get clientToolCall(): PendingClientToolCall | undefined {
    return this.#clientToolCall;
  }

  generateId(kind: StoreItemType): string {
    return kind === 'thread'
      ? this.store.generateThreadId(this.requestContext)
      : this.store.generateItemId(kind, this.thread, this.requestContext);
  }

  /** Sends any event. A new visible item closes the open workflow first. */
  stream(event: ThreadStreamEvent): void {
    if (event.type === 'thread.item.added' || event.type === 'thread.item.done') this.#sink.beforeItem(event.item);
    this.#sink.emit(event);
  }

  /** A transient status line under the composer ("Searching the catalogue…"). */
  streamProgress(text: string, icon?: IconName): void {
    this.#sink.emit(icon === undefined ? { type: 'progress_update', text } : { type: 'progress_update', text, icon });
  }

  /** A banner for the user; `message` is Markdown. */
  notice(message: string, options: { level?: NoticeEvent['level']; title?: string } = {}): void {
    const event: NoticeEvent = { type: 'notice', level: options.level ?? 'info', message };
    if (options.title !== undefined) event.title = options.title;
    this.#sink.emit(event);
  }

  /** A fire-and-forget message to the host page (`onClientEffect`); never stored. */
  clientEffect(name: string, data: JsonObject = {}): void {
    this.#sink.emit({ type: 'client_effect', name, data });
  }

  /** Streams a widget (one state, or a sequence of states) as a thread item. */
  async streamWidget(widget: WidgetRoot | AsyncIterable<WidgetRoot>, options: { copyText?: string } = {}): Promise<void> {
    const events = streamWidget(this.thread, widget, {
      ...(options.copyText !== undefined && { copyText: options.copyText }),
      generateId: (kind) => this.generateId(kind),
      now: () => this.#sink.timestamp(),
    });
    for await (const event of events) this.stream(event);
  }

  /** Opens a workflow, closing any open one. */
  startWorkflow(workflow: WorkflowInput): void {
    this.#sink.workflow.start(Workflow.parse(workflow));
  }

  /** Adds a task to the open workflow (opening a custom one if needed); returns its index for updates. */
  addWorkflowTask(task: TaskInput): number {
    return this.#sink.workflow.addTask(Task.parse(task));
  }

  updateWorkflowTask(task: TaskInput, index: number): void {
    this.#sink.workflow.updateTask(Task.parse(task), index);
  }

  /** Closes the open workflow; the summary defaults to its duration. */
  endWorkflow(options: { summary?: WorkflowSummary; expanded?: boolean } = {}): void {
    this.#sink.workflow.end(options.summary, options.expanded ?? false);
  }

  /** The id of the open workflow, if any (tool tasks use it to update only their own workflow). */
  get openWorkflowId(): string | undefined {
    return this.#sink.workflow.current?.id;
  }

  /**
   * Records that the model called a client tool; used by `clientTool()`. Only one client tool call
   * fits in a response: a second one is refused (the model is told so through the tool output).
   */
  requestClientToolCall(call: PendingClientToolCall): boolean {
    if (this.#clientToolCall) return false;
    this.#clientToolCall = structuredClone(call);
    return true;
  }
}
