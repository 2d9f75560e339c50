import {
  AgentResponder,
  createDefaultAssistant,
  DEFAULT_MAX_IMAGE_BYTES,
  imageAttachmentsAsInput,
  type McpOptions,
  type ModelConfig,
  type ReplyUsage,
  type ResolvedModel,
} from '@chatwire/agents';
import type { ThreadMetadata } from '@chatwire/protocol';
import type { PostgresStore } from '@chatwire/postgres';
import type { ChatKitHooks, Logger } from '@chatwire/server';
import type { FileAttachmentStore } from './attachments/file-attachment-store.js';
import type { AppContext } from './context.js';
import { demoAction, demoSyncAction, isDemoAction } from './demo/demo-actions.js';
import { DEMO_TOOLS } from './demo/demo-tools.js';

export interface AssistantOptions {
  /** The model every reply is asked of (`createModel(config.model)`). */
  model: ResolvedModel;
  /** `CHATWIRE_MODELS`: the other models a user may pick in the composer. */
  allowedModels?: readonly string[];
  /** Where attachment bytes are: images a user attached are shown to the model. */
  files?: FileAttachmentStore;
  logger: Logger;
  /** `CHATWIRE_MCP_SERVERS` and the credentials for them (`appMcp`). */
  mcp?: McpOptions<AppContext>;
  /** Hears what each reply cost in model tokens (`UsageRecorder.record`). */
  onUsage?: (usage: ReplyUsage, context: AppContext, thread: ThreadMetadata) => void;
  /** `CHATWIRE_DEMO_TOOLS`: the demo tools, and the demo widgets' actions answered without the model. */
  demoTools?: boolean;
}

/**
 * What answers in the app by default: the default assistant (a general helper that knows the page
 * the user is on) answers every message and widget action through `AgentResponder`, with history,
 * page context, tool steps and titles; images the user attached go to the model with the message
 * (read from the user's own attachment bytes), and a model picked in the composer answers when
 * `CHATWIRE_MODELS` allows it.
 */
export function createAssistant(store: PostgresStore<AppContext>, options: AssistantOptions): ChatKitHooks<AppContext> {
  const { files } = options;
  const responder = new AgentResponder<AppContext>({
    agent: createDefaultAssistant(options.demoTools ? { tools: DEMO_TOOLS } : {}),
    store,
    model: options.model,
    allowedModels: options.allowedModels ?? [],
    ...(files && {
      items: (context: AppContext) => ({
        attachment: imageAttachmentsAsInput({
          readBytes: (attachment) => files.readBytes(attachment.id, context, DEFAULT_MAX_IMAGE_BYTES),
        }),
      }),
    }),
    logger: options.logger,
    // Runs paused for tool approval wait in the database, so a reload or a restart keeps them.
    approvals: store,
    ...(options.mcp && { mcp: options.mcp }),
    ...(options.onUsage && { onUsage: options.onUsage }),
  });
  return {
    respond: (thread, input, context, run) => responder.respond(thread, input, context, run),
    action: (thread, action, sender, context, run) =>
      options.demoTools && isDemoAction(action, sender)
        ? demoAction(action, sender)
        : responder.respondToAction(thread, action, sender, context, run),
    ...(options.demoTools && { syncAction: (_thread, action, sender) => demoSyncAction(action, sender) }),
  };
}

/** Which model answers, for the startup line: its name and where it runs, never the key. */
export function describeModel(config: ModelConfig): string {
  if (config.kind === 'offline') return 'offline model (no OPENAI_API_KEY or OPENAI_BASE_URL set)';
  if (config.baseURL === undefined) {
    return config.api === 'responses' ? `${config.model} via OpenAI Responses` : `${config.model} via OpenAI (chat completions)`;
  }
  // The host alone: a base URL may carry user info or a query with credentials in it.
  const host = new URL(config.baseURL).host;
  return `${config.model} via ${host} (${config.api === 'responses' ? 'responses' : 'chat completions'})`;
}
