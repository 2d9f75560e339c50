import type { Logger } from '@chatwire/server';
import { tool, type RunContext, type Tool } from '@openai/agents-core';
import { AgentContext } from '../agent-context.js';
import { McpConnection, McpToolCallError, type McpToolInfo } from './mcp-connection.js';
import type { McpCredentials } from './mcp-credentials.js';
import { mcpToolName, needsApproval, type McpServerConfig } from './mcp-server-config.js';

export interface McpOptions<TContext> {
  servers: readonly McpServerConfig[];
  credentials: McpCredentials<TContext>;
  /** Longest wait for a tool call (default 30 s). */
  timeoutMs?: number;
  /**
   * Longest wait for a server's handshake and tool list when a reply starts (default 5 s): the
   * reply waits for it, so a server that does not answer costs at most this before the model is asked.
   */
  connectTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * One reply's MCP tools for one user: a connection per configured server, opened for that user
 * alone and closed when the reply ends. A server that cannot be reached is left out (`unavailable`
 * names it); one that fails mid-reply turns its tools into errors the model reads, and the user
 * gets one notice naming them.
 */
export class McpToolset {
  readonly tools: Tool<AgentContext>[] = [];
  readonly unavailable: string[] = [];
  readonly #connections: McpConnection[] = [];
  readonly #down = new Set<string>();

  private constructor(private readonly timeoutMs: number) {}

  static async open<TContext>(
    options: McpOptions<TContext>,
    context: TContext,
    signal: AbortSignal,
    logger: Logger,
  ): Promise<McpToolset> {
    const set = new McpToolset(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const opened = await Promise.allSettled(
      options.servers.map((server) =>
        McpConnection.open(server, context, options.credentials, {
          timeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          signal,
        }),
      ),
    );
    for (const [index, outcome] of opened.entries()) {
      const server = options.servers[index]!;
      if (outcome.status === 'rejected') {
        set.unavailable.push(server.name);
        logger.warn('An MCP server is unavailable; answering without its tools', {
          server: server.name,
          error: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason),
        });
        continue;
      }
      set.#connections.push(outcome.value.connection);
      for (const info of outcome.value.tools) set.tools.push(set.#wrap(outcome.value.connection, info, logger));
    }
    return set;
  }

  /** The model-visible tool names of `server`'s tools. */
  toolNames(server: string): string[] {
    return this.tools.filter((t) => TOOL_SERVERS.get(t) === server).map((t) => t.name);
  }

  async close(): Promise<void> {
    await Promise.all(this.#connections.map((connection) => connection.close()));
  }

  #wrap(connection: McpConnection, info: McpToolInfo, logger: Logger): Tool<AgentContext> {
    const server = connection.server;
    const created = tool({
      name: mcpToolName(server, info.name),
      description: info.description ?? `${info.name} (from the ${server.name} MCP server)`,
      parameters: objectSchema(info.inputSchema),
      strict: false,
      needsApproval: needsApproval(server, info.name),
      // Failures become text the model reads (a tool error), already cleaned of credentials.
      errorFunction: (_context, error) => `Error: ${error instanceof Error ? error.message : String(error)}`,
      execute: async (input: unknown, runContext?: RunContext<AgentContext>) => {
        const context = runContext?.context;
        if (this.#down.has(server.name)) throw new Error(`The ${server.name} server is unavailable right now.`);
        context?.streamProgress(`Asking ${server.name}…`);
        try {
          const result = await connection.call(info.name, isRecord(input) ? input : {}, {
            timeoutMs: this.timeoutMs,
            ...(context && { signal: context.signal }),
          });
          return result.isError ? `Error: ${result.text}` : result.text;
        } catch (error) {
          if (context?.signal.aborted || error instanceof McpToolCallError) throw error;
          this.#markDown(server.name, context, error, logger);
          throw new Error(`The ${server.name} server is unavailable right now.`);
        }
      },
    });
    TOOL_SERVERS.set(created, server.name);
    return created;
  }

  #markDown(server: string, context: AgentContext | undefined, error: unknown, logger: Logger): void {
    if (this.#down.has(server)) return;
    this.#down.add(server);
    logger.warn('An MCP server failed mid-reply; its tools are off for the rest of it', {
      server,
      error: error instanceof Error ? error.message : String(error),
    });
    if (context instanceof AgentContext) context.notice(unavailableNotice(server, this.toolNames(server)), { level: 'warning' });
  }
}

/** A JSON object schema that lets the server, not the model's strict mode, judge the arguments. */
interface OpenObjectSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: true;
}

const TOOL_SERVERS = new WeakMap<object, string>();

/** What the user reads when a server's tools cannot be used: which server, which tools. */
export function unavailableNotice(server: string, tools: readonly string[] = []): string {
  const which = tools.length > 0 ? ` (${tools.map((name) => `\`${name}\``).join(', ')})` : '';
  return `The **${server}** tools${which} are unavailable right now; the assistant is answering without them.`;
}

/** An MCP input schema as a JSON object schema for the model (servers may omit `properties`). */
function objectSchema(schema: Record<string, unknown>): OpenObjectSchema {
  // Each property a schema object; anything else a server sends there is left out, not passed on.
  const properties = Object.fromEntries(
    Object.entries(isRecord(schema.properties) ? schema.properties : {}).filter(
      (entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]),
    ),
  );
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : [];
  return { ...schema, type: 'object', properties, required, additionalProperties: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
