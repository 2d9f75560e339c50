import type { ThreadMetadata } from '@chatwire/protocol';
import type { Logger, Store } from '@chatwire/server';
import type { Model } from '@openai/agents-core';
import type { ToolApprovalStore } from './approvals/tool-approval-store.js';
import type { ChatAgent } from './chat-agent.js';
import type { HistoryBudget } from './history-budget.js';
import type { McpOptions } from './mcp/mcp-toolset.js';
import type { ResolvedModel } from './model-config.js';
import type { ModelContextData } from './model-context.js';
import type { ConverterHooks } from './stream-converter.js';
import type { ItemConversionHooks } from './thread-items-to-input.js';
import type { ToolTaskDescriber } from './tool-tasks.js';
import type { ReplyUsage } from './usage-meter.js';

export interface AgentResponderOptions<TContext> {
  /** The agent, or a function choosing one per request. */
  agent: ChatAgent<TContext> | ((context: TContext) => ChatAgent<TContext>);
  /** The server's store (`server.store`): history is read from it, ids come from it. */
  store: Store<TContext>;
  /**
   * The model for every run (from `createModel`/`modelFromEnv`, or any SDK `Model`). Default: the
   * agent's own; a model name (or none) is resolved by OpenAI's provider (`OPENAI_API_KEY`, `OPENAI_BASE_URL`).
   */
  model?: ResolvedModel | Model;
  /** Token budget for the conversation in model input, and how many recent items to read at most (default 500). */
  history?: Partial<HistoryBudget> & { maxItems?: number };
  /**
   * Custom conversions of thread items into model input, or a function giving them per request
   * (for conversions that read the user's own data, such as attachment bytes:
   * `items: (context) => ({ attachment: imageAttachmentsAsInput({ readBytes: … }) })`).
   */
  items?: ItemConversionHooks | ((context: TContext) => ItemConversionHooks);
  /**
   * Model names a user may pick in the composer (`inference_options.model`); the default model
   * (`model`) is always allowed. A pick outside the list is ignored. Needs `model` to be a
   * `ResolvedModel` from `createModel` (it builds the others on the same endpoint); default: none.
   */
  allowedModels?: readonly string[];
  /** What the model may know about the user and page; default: `user`, `page` and `locale` of the context. */
  contextOf?: (context: TContext) => ModelContextData;
  /** Give untitled threads a 2 to 5 word title after the first exchange (default true). */
  titles?: boolean;
  /**
   * MCP servers whose tools the agent may use, and where the credentials for them come from. Each
   * reply connects to each server for its user alone; the credential is attached to every HTTP
   * request and never reaches the model.
   */
  mcp?: McpOptions<TContext>;
  /**
   * Where runs paused for tool approval wait (MCP tools configured with `approval`, function tools
   * made with `needsApproval`). Default: in process memory, lost on restart; the app stores them in
   * its database.
   */
  approvals?: ToolApprovalStore<TContext>;
  /** How server tool calls show as workflow tasks (default: the tool name in words); `false` shows none. */
  toolTasks?: ToolTaskDescriber | false;
  /** Citation and image conversions. */
  hooks?: ConverterHooks;
  /** Most model calls per reply (default 10). */
  maxTurns?: number;
  /** Longest silence allowed from a model mid-reply, in milliseconds (default 120 s). */
  idleTimeoutMs?: number;
  /** The message shown when a guardrail stops a reply. */
  guardrailMessage?: string;
  /** Send agents SDK traces (to OpenAI). Off by default; turning it on sends conversation data there. */
  tracing?: boolean;
  now?: () => Date;
  logger?: Logger;
  /**
   * Hears what each reply cost in model tokens (its title included) once the reply is over:
   * finished, failed or stopped (a stopped call's tokens are estimated). For usage records and
   * budgets; called synchronously, so keep it quick and let it queue any write it makes.
   */
  onUsage?: (usage: ReplyUsage, context: TContext, thread: ThreadMetadata) => void;
}
