import type { Action, ThreadMetadata, ThreadStreamEvent, UserMessageItem, WidgetItem } from '@chatwire/protocol';
import { AgentResponder, createDefaultAssistant, type ModelConfig, type ResolvedModel } from '@chatwire/agents';
import type { PostgresStore } from '@chatwire/postgres';
import type { ResponseRun } from '@chatwire/server';
import type { AppContext } from './context.js';
import { StoredFeedbackServer, type StoredFeedbackServerOptions } from './database/stored-feedback-server.js';

export interface AssistantServerOptions extends StoredFeedbackServerOptions {
  /** The model every reply is asked of (`createModel(config.model)`). */
  model: ResolvedModel;
}

/**
 * The app's ChatKit server: the default assistant (a general helper that knows the page the user
 * is on) answers every message and widget action through `AgentResponder`, with history, page
 * context, tool steps and titles; thumbs up/down are stored.
 */
export class AssistantServer extends StoredFeedbackServer {
  readonly #responder: AgentResponder<AppContext>;

  constructor(store: PostgresStore<AppContext>, options: AssistantServerOptions) {
    const { model, ...serverOptions } = options;
    super(store, serverOptions);
    this.#responder = new AgentResponder<AppContext>({
      agent: createDefaultAssistant(),
      store,
      model,
      logger: this.logger,
      // One clock for the server's items and the responder's.
      now: () => new Date(this.now()),
    });
  }

  override respond(thread: ThreadMetadata, input: UserMessageItem | null, context: AppContext, run: ResponseRun): AsyncIterable<ThreadStreamEvent> {
    return this.#responder.respond(thread, input, context, run);
  }

  override action(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, context: AppContext, run: ResponseRun): AsyncIterable<ThreadStreamEvent> {
    return this.#responder.respondToAction(thread, action, sender, context, run);
  }
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
