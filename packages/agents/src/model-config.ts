import type { Model } from '@openai/agents-core';
import { OpenAIChatCompletionsModel, OpenAIResponsesModel } from '@openai/agents-openai';
import OpenAI from 'openai';
import { withLeanChatStreams } from './chat-stream.js';
import { checkedModel } from './checked-model.js';
import { OfflineModel, type OfflineModelOptions } from './offline-model.js';
import { streamCheckingFetch } from './streaming-fetch.js';

export type ModelApi = 'responses' | 'chat_completions';

/** Which model answers, as read from the environment (see `modelConfigFromEnv`). */
export type ModelConfig =
  { kind: 'offline' } | { kind: 'openai'; api: ModelApi; model: string; apiKey: string; baseURL?: string };

/** A small, current OpenAI model: fast and cheap enough for an assistant embedded in a product. */
export const DEFAULT_MODEL = 'gpt-4.1-mini';

/**
 * What OpenAI's client needs as a key when the endpoint wants none (a local Ollama, vLLM or
 * llama.cpp server): the client refuses to start without one.
 */
export const PLACEHOLDER_API_KEY = 'not-needed';

/** A configuration value that cannot work; the message starts with the variable's name. */
export class ModelConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ModelConfigError';
  }
}

export type ModelEnv = Readonly<Record<string, string | undefined>>;

/**
 * Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `CHATWIRE_MODEL` and `CHATWIRE_MODEL_API`:
 * neither key nor URL → the offline model; a URL → every call goes there (Chat Completions unless
 * `CHATWIRE_MODEL_API=responses`; the key may be absent); a key alone → OpenAI's Responses API.
 * Throws `ModelConfigError` for a value that cannot work.
 */
export function modelConfigFromEnv(env: ModelEnv): ModelConfig {
  const apiKey = value(env, 'OPENAI_API_KEY');
  const baseURL = value(env, 'OPENAI_BASE_URL');
  const model = value(env, 'CHATWIRE_MODEL') ?? DEFAULT_MODEL;
  const apiSetting = value(env, 'CHATWIRE_MODEL_API');
  if (apiSetting !== undefined && apiSetting !== 'responses' && apiSetting !== 'chat_completions') {
    throw new ModelConfigError('CHATWIRE_MODEL_API', `must be "responses" or "chat_completions", not "${apiSetting}"`);
  }
  if (baseURL !== undefined) checkUrl(baseURL);
  if (apiKey === undefined && baseURL === undefined) return { kind: 'offline' };
  const api: ModelApi = apiSetting ?? (baseURL === undefined ? 'responses' : 'chat_completions');
  return { kind: 'openai', api, model, apiKey: apiKey ?? PLACEHOLDER_API_KEY, ...(baseURL !== undefined && { baseURL }) };
}

/** A model ready for the agents SDK, and what it is. */
export interface ResolvedModel {
  model: Model;
  /** `custom` for a `Model` the app built itself. */
  kind: 'offline' | ModelApi | 'custom';
  /** The model name sent to the endpoint (`offline` for the offline model). */
  name: string;
  /**
   * Another model on the same endpoint and client, by name (for a user's pick in the composer,
   * see `AgentResponderOptions.allowedModels`). Absent for a `Model` the app built itself.
   */
  withName?: (name: string) => Model;
}

export interface CreateModelOptions {
  /** Milliseconds to wait for the model endpoint to answer a request (default 120 s). */
  timeoutMs?: number;
  /** Retries of a failed request (429, 5xx, connection errors) before any output arrived (default 2). */
  maxRetries?: number;
  /** Settings of the offline model (its pace). */
  offline?: OfflineModelOptions;
}

/** Builds the model `config` describes. The API key only ever goes into the client's request headers. */
export function createModel(config: ModelConfig, options: CreateModelOptions = {}): ResolvedModel {
  if (config.kind === 'offline') {
    // The offline model answers the same whatever a user picks.
    const offline = new OfflineModel(options.offline);
    return { model: offline, kind: 'offline', name: 'offline', withName: () => offline };
  }
  const client = new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL !== undefined && { baseURL: config.baseURL }),
    timeout: options.timeoutMs ?? 120_000,
    maxRetries: options.maxRetries ?? 2,
    fetch: streamCheckingFetch(),
  });
  const chatClient = config.api === 'responses' ? client : withLeanChatStreams(client);
  const named = (name: string): Model =>
    checkedModel(
      config.api === 'responses' ? new OpenAIResponsesModel(client, name) : new OpenAIChatCompletionsModel(chatClient, name),
      name,
    );
  return { model: named(config.model), kind: config.api, name: config.model, withName: named };
}

/** `createModel(modelConfigFromEnv(env))`. */
export function modelFromEnv(env: ModelEnv, options: CreateModelOptions = {}): ResolvedModel {
  return createModel(modelConfigFromEnv(env), options);
}

function value(env: ModelEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function checkUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not repeated: it may be a key pasted into the wrong variable.
    throw new ModelConfigError(
      'OPENAI_BASE_URL',
      'is not a URL; give the endpoint with its scheme, such as http://127.0.0.1:11434/v1',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ModelConfigError('OPENAI_BASE_URL', `must be an http or https URL, not ${url.protocol}`);
}
