import { Agent, type Tool } from '@openai/agents-core';
import type { AgentContext } from './agent-context.js';
import { readPageContext } from './page-context-tool.js';

export const DEFAULT_INSTRUCTIONS = [
  'You are a helpful assistant embedded in a website.',
  'Answer briefly and plainly; use Markdown only when it helps.',
  'When a question is about the page the user is viewing, use the page context you were given, or call read_page_context.',
  "If you don't know something, say so.",
].join(' ');

export interface DefaultAssistantOptions {
  name?: string;
  instructions?: string;
  /** Tools besides `read_page_context`. */
  tools?: Tool<AgentContext>[];
}

/** A general assistant that knows about the page the user is on: what `npm start` runs. */
export function createDefaultAssistant(options: DefaultAssistantOptions = {}): Agent<AgentContext, 'text'> {
  return new Agent<AgentContext, 'text'>({
    name: options.name ?? 'Assistant',
    instructions: options.instructions ?? DEFAULT_INSTRUCTIONS,
    tools: [readPageContext, ...(options.tools ?? [])],
  });
}
