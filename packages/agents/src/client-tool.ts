import type { JsonObject } from '@chatwire/protocol';
import { tool, type FunctionTool, type RunContext, type Tool } from '@openai/agents-core';
import type { ZodObject, ZodRawShape } from 'zod';
import { AgentContext } from './agent-context.js';
import type { ChatAgent } from './chat-agent.js';

const CLIENT_TOOLS = new WeakSet<object>();

/** What the model reads as the tool's result while the client works on it. */
export const CLIENT_TOOL_HANDOVER = 'The request was handed to the user interface; its result will arrive with the next turn.';
const ONE_PER_TURN = 'Not run: only one client tool call fits in a turn. Call it again after the first one has returned.';

export interface ClientToolOptions<TShape extends ZodRawShape> {
  name: string;
  description: string;
  parameters: ZodObject<TShape>;
}

/**
 * A tool that runs in the browser (`onClientTool` in ChatKit). When the model calls it the reply
 * ends with a pending `client_tool_call` item; the client sends `threads.add_client_tool_output`
 * and the run continues with the result in the history. The responder stops the run at client
 * tools by itself (see `withClientToolStops`); only one client tool call fits in a turn.
 */
export function clientTool<TShape extends ZodRawShape>(
  options: ClientToolOptions<TShape>,
): FunctionTool<AgentContext, ZodObject<TShape>, unknown> {
  const created = tool({
    name: options.name,
    description: options.description,
    parameters: options.parameters,
    execute: (input: unknown, runContext?: RunContext<AgentContext>, details?) => {
      const context = runContext?.context;
      if (!(context instanceof AgentContext))
        throw new Error(`Client tool ${options.name} needs an AgentContext run context (run it through AgentResponder)`);
      const accepted = context.requestClientToolCall({
        name: options.name,
        arguments: argumentsOf(input, details?.toolCall?.arguments),
        callId: details?.toolCall?.callId ?? context.generateId('tool_call'),
      });
      return accepted ? CLIENT_TOOL_HANDOVER : ONE_PER_TURN;
    },
  });
  CLIENT_TOOLS.add(created);
  return created;
}

export function isClientTool(candidate: Tool<never> | object): boolean {
  return CLIENT_TOOLS.has(candidate);
}

/**
 * `agent` set to end its run when it calls a client tool. An agent with no client tools, or with
 * its own `toolUseBehavior`, is returned unchanged (a custom behaviour must stop at client tools itself).
 */
export function withClientToolStops<TContext>(agent: ChatAgent<TContext>): ChatAgent<TContext> {
  const names = agent.tools.filter(isClientTool).map((t) => t.name);
  if (names.length === 0 || agent.toolUseBehavior !== 'run_llm_again') return agent;
  return agent.clone({ toolUseBehavior: { stopAtToolNames: names } });
}

function argumentsOf(input: unknown, raw: string | undefined): JsonObject {
  if (isObject(input)) return input;
  if (raw !== undefined) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) return parsed;
    } catch {
      // Arguments the model did not write as JSON: the client gets none rather than garbage.
    }
  }
  return {};
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
