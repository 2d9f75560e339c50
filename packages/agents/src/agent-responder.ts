import type {
  Action,
  SDKHiddenContextItem,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import { silentLogger, type ResponseRun } from '@chatwire/server';
import {
  Runner,
  setTracingDisabled,
  type Agent,
  type AgentInputItem,
  type CallModelInputFilter,
  type Model,
} from '@openai/agents-core';
import { AgentContext } from './agent-context.js';
import type { AgentResponderOptions } from './agent-responder-options.js';
import { APPROVAL_ACTION } from './approvals/approval-card.js';
import {
  dropStaleApprovals,
  NOT_PENDING_NOTICE,
  pauseForApproval,
  resumedState,
  takeDecision,
  type TakenDecision,
} from './approvals/approval-flow.js';
import { MemoryToolApprovalStore, type ToolApprovalStore } from './approvals/tool-approval-store.js';
import { checkedModel } from './checked-model.js';
import type { ChatAgent } from './chat-agent.js';
import { withClientToolStops } from './client-tool.js';
import { contextMessage, withContextInstruction } from './context-block.js';
import { buildHistory, DEFAULT_HISTORY_BUDGET, type HistoryBudget } from './history-budget.js';
import { pickedModel, withToolChoice } from './inference-choices.js';
import { McpToolset, unavailableNotice } from './mcp/mcp-toolset.js';
import type { ResolvedModel } from './model-config.js';
import { modelContextFrom } from './model-context.js';
import { OFFLINE_NOTICE } from './offline-notice.js';
import { exportTracesToOpenAI, openAIModelProvider } from './openai-defaults.js';
import { ResponseSink } from './response-sink.js';
import { streamAgentResponse } from './stream-agent-response.js';
import { NOTE_PREFIXES } from './thread-items-to-input.js';
import { deriveTitle, modelTitle } from './titles.js';
import { attachToolTasks } from './tool-tasks.js';
import { UsageMeter } from './usage-meter.js';

export type { ChatAgent } from './chat-agent.js';
export type { AgentResponderOptions } from './agent-responder-options.js';

const DEFAULT_MAX_ITEMS = 500;

/**
 * Answers a thread with an agent: reads the history from the store, sends it to the model as
 * structured input under a token budget with the user/page context as a delimited data block,
 * streams the run as ChatKit events, and names the thread after the first exchange.
 *
 * ```ts
 * class MyServer extends ChatKitServer<RequestContext> {
 *   responder = new AgentResponder({ agent, store: this.store, model: modelFromEnv(process.env) });
 *   respond(thread, input, context, run) { return this.responder.respond(thread, input, context, run); }
 *   action(thread, action, sender, context, run) { return this.responder.respondToAction(thread, action, sender, context, run); }
 * }
 * ```
 */
export class AgentResponder<TContext> {
  private readonly runner: Runner;
  /** One runner per picked model, made when first picked (the allow-list bounds them). */
  private readonly pickedRunners = new Map<string, Runner>();
  private readonly allowedModels: ReadonlySet<string>;
  private readonly resolved: ResolvedModel | undefined;
  private readonly budget: HistoryBudget;
  private readonly maxItems: number;
  private readonly now: () => Date;
  private readonly prepared = new WeakMap<ChatAgent<TContext>, ChatAgent<TContext>>();
  private readonly approvals: ToolApprovalStore<TContext>;

  constructor(private readonly options: AgentResponderOptions<TContext>) {
    const model = options.model;
    const resolved =
      model === undefined ? undefined : isResolved(model) ? model : { model, kind: 'custom' as const, name: 'custom' };
    this.resolved = resolved && { ...resolved, model: checkedModel(resolved.model, resolved.name) };
    if (options.tracing) exportTracesToOpenAI();
    else setTracingDisabled(true);
    this.runner = this.makeRunner(this.resolved?.model);
    this.allowedModels = new Set(this.resolved?.withName ? (options.allowedModels ?? []) : []);
    this.budget = { ...DEFAULT_HISTORY_BUDGET, ...options.history };
    this.maxItems = options.history?.maxItems ?? DEFAULT_MAX_ITEMS;
    this.now = options.now ?? (() => new Date());
    this.approvals = options.approvals ?? new MemoryToolApprovalStore<TContext>();
  }

  /** For `ChatKitServer.respond`: the reply to the thread's latest user message (or its continuation). */
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncGenerator<ThreadStreamEvent> {
    const meter = new UsageMeter(this.resolved?.name ?? 'default');
    try {
      yield* dropStaleApprovals({ thread, context, approvals: this.approvals, store: this.options.store });
      const items = await this.loadItems(thread, context);
      if (this.resolved?.kind === 'offline' && !items.some((item) => item.type === 'assistant_message')) yield OFFLINE_NOTICE;
      const titling = this.startTitle(thread, items, run.signal, meter);
      // A tool choice applies to the message it came with, not to a continuation (a client tool's output).
      yield* this.run(thread, items, context, run, input, meter);
      const title = await titling;
      if (title !== undefined && !thread.title) thread.title = title;
    } finally {
      this.report(meter, context, thread);
    }
  }

  /**
   * For `ChatKitServer.action`: records the widget action as hidden context (stored, never shown)
   * and lets the agent answer it.
   */
  async *respondToAction(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncGenerator<ThreadStreamEvent> {
    if (action.type === APPROVAL_ACTION) return yield* this.respondToApproval(thread, action, sender, context, run);
    const note: SDKHiddenContextItem = {
      type: 'sdk_hidden_context',
      id: this.options.store.generateItemId('sdk_hidden_context', thread, context),
      thread_id: thread.id,
      created_at: this.now().toISOString(),
      content: `${NOTE_PREFIXES.widgetAction}: ${JSON.stringify({ action, widget_id: sender?.id ?? null })}`,
    };
    yield { type: 'thread.item.done', item: note };
    const meter = new UsageMeter(this.resolved?.name ?? 'default');
    try {
      yield* this.run(thread, await this.loadItems(thread, context), context, run, null, meter);
    } finally {
      this.report(meter, context, thread);
    }
  }

  /** An "Approve" / "Deny" click on an approval card: the paused run resumes with the decision. */
  private async *respondToApproval(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncGenerator<ThreadStreamEvent> {
    const { store } = this.options;
    const taken = await takeDecision({ thread, action, sender, context, approvals: this.approvals, store });
    if (!taken) {
      yield { type: 'notice', level: 'info', message: NOT_PENDING_NOTICE };
      return;
    }
    yield taken.replaced;
    const meter = new UsageMeter(this.resolved?.name ?? 'default');
    try {
      yield* this.run(thread, [], context, run, null, meter, taken);
    } finally {
      this.report(meter, context, thread);
    }
  }

  private report(meter: UsageMeter, context: TContext, thread: ThreadMetadata): void {
    const usage = meter.total();
    if (usage.requests === 0 || !this.options.onUsage) return;
    try {
      this.options.onUsage(usage, context, thread);
    } catch (error) {
      this.options.logger?.warn('Recording model usage failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async *run(
    thread: ThreadMetadata,
    items: ThreadItem[],
    context: TContext,
    run: ResponseRun,
    message: UserMessageItem | null,
    meter: UsageMeter,
    resume?: TakenDecision,
  ): AsyncGenerator<ThreadStreamEvent> {
    const { store } = this.options;
    const logger = this.options.logger ?? silentLogger;
    const modelContext = (this.options.contextOf ?? modelContextFrom)(context);
    const block = contextMessage(modelContext);
    const sink = new ResponseSink(thread.id, (kind) => store.generateItemId(kind, thread, context), this.now);
    const agentContext = new AgentContext<TContext>({
      thread,
      store,
      requestContext: context,
      modelContext,
      signal: run.signal,
      sink,
    });
    const mcp = this.options.mcp;
    const toolset = mcp && mcp.servers.length > 0 ? await McpToolset.open(mcp, context, run.signal, logger) : undefined;
    try {
      for (const server of toolset?.unavailable ?? []) {
        yield { type: 'notice', level: 'warning', message: unavailableNotice(server) };
      }
      let agent = withToolChoice(this.agentFor(context), message, logger);
      if (toolset && toolset.tools.length > 0) agent = withTools(agent, toolset);
      const input = resume ? await resumedState(agent, resume, agentContext) : await this.inputFor(items, context, block);
      const filter: CallModelInputFilter | undefined = block
        ? ({ modelData }) => ({ ...modelData, instructions: withContextInstruction(modelData.instructions) })
        : undefined;
      yield* streamAgentResponse({
        runner: this.runnerFor(pickedModel(items, this.allowedModels, logger)),
        agent,
        input,
        context: agentContext,
        sink,
        signal: run.signal,
        maxTurns: this.options.maxTurns ?? 10,
        idleTimeoutMs: this.options.idleTimeoutMs ?? 120_000,
        ...(this.options.hooks && { hooks: this.options.hooks }),
        ...(filter && { callModelInputFilter: filter }),
        ...(this.options.guardrailMessage !== undefined && { guardrailMessage: this.options.guardrailMessage }),
        onInterruptions: (state, interruptions) =>
          pauseForApproval({ state, interruptions, agentContext, approvals: this.approvals, now: this.now }),
        logger,
        usage: meter,
      });
    } finally {
      await toolset?.close();
    }
  }

  /** The conversation as model input: history under the budget, the context block before the latest turn. */
  private async inputFor(
    items: ThreadItem[],
    context: TContext,
    block: ReturnType<typeof contextMessage>,
  ): Promise<AgentInputItem[]> {
    const conversions = typeof this.options.items === 'function' ? this.options.items(context) : this.options.items;
    const history = await buildHistory(items, this.budget, conversions);
    return [...history.earlier, ...(block ? [block] : []), ...history.current];
  }

  private makeRunner(model: Model | undefined): Runner {
    const runner = new Runner({
      ...(model ? { model } : { modelProvider: openAIModelProvider() }),
      tracingDisabled: !this.options.tracing,
    });
    if (this.options.toolTasks !== false) attachToolTasks(runner, this.options.toolTasks);
    return runner;
  }

  /** The default runner, or the one for an allowed model a user picked. */
  private runnerFor(name: string | undefined): Runner {
    if (name === undefined || name === this.resolved?.name || !this.resolved?.withName) return this.runner;
    let runner = this.pickedRunners.get(name);
    if (!runner) this.pickedRunners.set(name, (runner = this.makeRunner(this.resolved.withName(name))));
    return runner;
  }

  private agentFor(context: TContext): ChatAgent<TContext> {
    const chosen = typeof this.options.agent === 'function' ? this.options.agent(context) : this.options.agent;
    let prepared = this.prepared.get(chosen);
    if (!prepared) this.prepared.set(chosen, (prepared = withClientToolStops(chosen)));
    return prepared;
  }

  /** The most recent `maxItems` items of the thread, oldest first. */
  private async loadItems(thread: ThreadMetadata, context: TContext): Promise<ThreadItem[]> {
    const items: ThreadItem[] = [];
    let after: string | undefined;
    while (items.length < this.maxItems) {
      const page = await this.options.store.loadThreadItems(
        thread.id,
        after,
        Math.min(100, this.maxItems - items.length),
        'desc',
        context,
      );
      items.push(...page.data);
      if (!page.has_more || page.after === undefined) break;
      after = page.after;
    }
    return items.reverse();
  }

  /** Starts naming an untitled thread alongside the reply; resolves to `undefined` on any failure. */
  private startTitle(
    thread: ThreadMetadata,
    items: readonly ThreadItem[],
    signal: AbortSignal,
    meter: UsageMeter,
  ): Promise<string | undefined> {
    if (this.options.titles === false || thread.title) return Promise.resolve(undefined);
    const first = items.find((item): item is UserMessageItem => item.type === 'user_message');
    const text = first?.content
      .map((part) => (part.type === 'input_text' ? part.text : part.text))
      .join('')
      .trim();
    if (!text) return Promise.resolve(undefined);
    const model = this.resolved;
    if (!model || model.kind === 'offline') return Promise.resolve(deriveTitle(text));
    return modelTitle(model.model, text, signal, (usage) => meter.add(usage)).then(
      (title) => title ?? deriveTitle(text),
      (error: unknown) => {
        if (signal.aborted) return undefined;
        this.options.logger?.warn('Asking the model for a title failed; deriving one', {
          error: error instanceof Error ? error.message : String(error),
        });
        return deriveTitle(text);
      },
    );
  }
}

/** `agent` with this reply's MCP tools beside its own. */
function withTools<TContext>(agent: ChatAgent<TContext>, toolset: McpToolset): ChatAgent<TContext> {
  // The SDK's Agent is invariant in its context type; MCP tools work with any AgentContext.
  const any = agent as Agent<AgentContext, 'text'>;
  return any.clone({ tools: [...any.tools, ...toolset.tools] });
}

function isResolved(model: ResolvedModel | Model): model is ResolvedModel {
  return 'kind' in model && 'model' in model && typeof model.model === 'object';
}
