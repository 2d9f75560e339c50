import type { ThreadItem, UserMessageItem } from '@chatwire/protocol';
import type { Logger } from '@chatwire/server';
import type { ChatAgent } from './chat-agent.js';

/**
 * The model a user picked in the composer (`inference_options.model` of the latest user message),
 * when the operator allows it; `undefined` means the default model. A name nobody allowed is
 * ignored (and logged), never passed on: which models run, and what they cost, is the operator's call.
 */
export function pickedModel(items: readonly ThreadItem[], allowed: ReadonlySet<string>, logger?: Logger): string | undefined {
  const latest = items.findLast((item): item is UserMessageItem => item.type === 'user_message');
  const name = latest?.inference_options.model?.trim();
  if (!name) return undefined;
  if (allowed.has(name)) return name;
  logger?.info('Ignoring a model the operator did not allow', { model: name.slice(0, 100) });
  return undefined;
}

/**
 * The agent, made to call the tool a user picked in the composer (`inference_options.tool_choice`)
 * on its first model call, when the agent has a function tool by that name; anything else is
 * ignored. The SDK lets go of the choice once the tool was called, so the reply can finish.
 */
export function withToolChoice<TContext>(
  agent: ChatAgent<TContext>,
  input: UserMessageItem | null,
  logger?: Logger,
): ChatAgent<TContext> {
  const id = input?.inference_options.tool_choice?.id;
  if (!id) return agent;
  const exists = agent.tools.some((tool) => tool.type === 'function' && tool.name === id);
  if (!exists) {
    logger?.info('Ignoring a tool choice the agent has no tool for', { tool: id.slice(0, 100) });
    return agent;
  }
  return agent.clone({ modelSettings: { ...agent.modelSettings, toolChoice: id } });
}
