import { randomUUID } from 'node:crypto';
import {
  Usage,
  type AgentInputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
} from '@openai/agents-core';
import { parseContextBlock } from './context-block.js';
import { pageContextFrom, type PageContextData } from './model-context.js';
import { offlineAnswer, type OfflineFacts } from './offline-answer.js';
import { isNote } from './thread-items-to-input.js';

/** The tool the offline model calls to fetch the page context (see `readPageContext`). */
export const PAGE_CONTEXT_TOOL = 'read_page_context';

export interface OfflineModelOptions {
  /** Pause before each word, in milliseconds (default 30: readable, not sluggish). 0 streams at once. */
  wordDelayMs?: number;
}

/**
 * The built-in model for when no real one is configured: a real `Model` for the agents SDK, so
 * the whole path (history, context, tools, streaming, stop) runs as it will with a real model.
 * It finds the part of the page context or the conversation that matches the question by word
 * overlap, says so plainly, and first calls `read_page_context` when the agent has that tool, so
 * the user sees a tool step. It never claims to be an AI model.
 */
export class OfflineModel implements Model {
  private readonly wordDelayMs: number;

  constructor(options: OfflineModelOptions = {}) {
    this.wordDelayMs = options.wordDelayMs ?? 30;
  }

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    let done: ModelResponse | undefined;
    for await (const event of this.getStreamedResponse(request)) {
      if (event.type === 'response_done')
        done = { usage: new Usage(), output: event.response.output, responseId: event.response.id };
    }
    if (!done) throw new Error('The offline model produced no response');
    return done;
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    const id = `offline_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const input = typeof request.input === 'string' ? [userText(request.input)] : request.input;
    const turn = readTurn(input);
    yield { type: 'response_started' };

    const hasTool = request.tools.some((tool) => tool.type === 'function' && tool.name === PAGE_CONTEXT_TOOL);
    if (hasTool && !turn.calledTool && !isGreeting(turn.facts.question)) {
      yield done(id, [
        { type: 'function_call', id, callId: `call_${id}`, name: PAGE_CONTEXT_TOOL, arguments: '{}', status: 'completed' },
      ]);
      return;
    }

    const text = offlineAnswer(turn.facts);
    for (const word of text.match(/\S+\s*/g) ?? []) {
      await pause(this.wordDelayMs, request.signal);
      yield { type: 'output_text_delta', delta: word };
    }
    yield done(id, [{ type: 'message', id, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text }] }]);
  }
}

function done(id: string, output: Extract<StreamEvent, { type: 'response_done' }>['response']['output']): StreamEvent {
  return {
    type: 'response_done',
    response: { id, usage: { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 }, output },
  };
}

function isGreeting(question: string): boolean {
  return /^\s*(hi|hello|hey|thanks|thank you)\W*$/i.test(question);
}

interface Turn {
  facts: OfflineFacts;
  calledTool: boolean;
}

/** The question (the last thing the user typed), what they wrote before, and the page context. */
function readTurn(input: readonly AgentInputItem[]): Turn {
  const userTexts: { index: number; text: string }[] = [];
  let blockPage: PageContextData | undefined;
  let userName: string | undefined;
  for (const [index, item] of input.entries()) {
    if (!('role' in item) || item.role !== 'user') continue;
    const text = textOf(item.content);
    const block = parseContextBlock(text);
    if (block !== undefined) {
      blockPage = pageContextFrom(field(block, 'page')) ?? blockPage;
      const name = field(field(block, 'user'), 'name');
      if (typeof name === 'string') userName = name;
    } else if (!isNote(text) && text.trim() !== '') userTexts.push({ index, text });
  }
  const question = userTexts.at(-1);
  let toolPage: PageContextData | undefined;
  let calledTool = false;
  for (const item of input.slice((question?.index ?? -1) + 1)) {
    if (item.type !== 'function_call_result' || item.name !== PAGE_CONTEXT_TOOL) continue;
    calledTool = true;
    const output =
      typeof item.output === 'string'
        ? item.output
        : 'text' in item.output && typeof item.output.text === 'string'
          ? item.output.text
          : '';
    toolPage = pageContextFrom(field(parseContextBlock(output), 'page')) ?? toolPage;
  }
  const page = toolPage ?? blockPage;
  const facts: OfflineFacts = { question: question?.text ?? '', earlier: userTexts.slice(0, -1).map((entry) => entry.text) };
  if (page) facts.page = page;
  if (userName) facts.userName = userName;
  return { facts, calledTool };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as unknown[]) {
    if (
      typeof part === 'object' &&
      part !== null &&
      'type' in part &&
      part.type === 'input_text' &&
      'text' in part &&
      typeof part.text === 'string'
    )
      text += part.text;
  }
  return text;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

function userText(text: string): AgentInputItem {
  return { type: 'message', role: 'user', content: text };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  return new DOMException('The offline model was stopped', 'AbortError');
}
