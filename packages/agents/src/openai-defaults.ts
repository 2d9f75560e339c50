import { OpenAIProvider, setDefaultOpenAITracingExporter } from '@openai/agents-openai';

// The SDK's meta package (`@openai/agents`) makes OpenAI the provider of models named by string
// and the destination of traces as a side effect of being imported. This package depends on the
// SDK's core and OpenAI parts only (so the realtime SDK is not installed), and asks for the same
// two things explicitly, where a run needs them.

/** Resolves model names (an agent's `model: 'gpt-4.1'`, or the SDK's default) with OpenAI's client and key. */
export function openAIModelProvider(): OpenAIProvider {
  return new OpenAIProvider({ cacheResponsesWebSocketModels: false });
}

let exportingTraces = false;

/** Sends Agents SDK traces to OpenAI from now on; the first call installs the exporter, later ones do nothing. */
export function exportTracesToOpenAI(): void {
  if (exportingTraces) return;
  exportingTraces = true;
  setDefaultOpenAITracingExporter();
}
