import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Model, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents-core';
import { ModelStreamError } from './model-errors.js';

const tracer = trace.getTracer('@chatwire/agents');

/** Marks a model already wrapped, so wrapping twice is the same as once. */
const CHECKED = Symbol('chatwire.checkedModel');

/**
 * A model call as the rest of the package relies on it: one OpenTelemetry span per call (a no-op
 * without a tracer provider), with the token counts; and a response that holds nothing to act on
 * (no message, no tool call: an empty stream, or events of some other API) is an error rather
 * than a turn the agent loop would answer by asking again until it runs out of turns. A Chat
 * Completions stream that ends without a finish reason was cut, and is an error too.
 */
export function checkedModel(model: Model, name: string): Model {
  if (CHECKED in model) return model;
  const checked: Model & { [CHECKED]: true } = {
    [CHECKED]: true,
    async getResponse(request: ModelRequest): Promise<ModelResponse> {
      return tracer.startActiveSpan(`chat ${name}`, spanOptions(name, false), async (span) => {
        try {
          const response = await model.getResponse(request);
          recordUsage(span, response.usage);
          return response;
        } catch (error) {
          throw failed(span, error);
        } finally {
          span.end();
        }
      });
    },
    async *getStreamedResponse(request: ModelRequest): AsyncGenerator<StreamEvent> {
      const span = tracer.startSpan(`chat ${name}`, spanOptions(name, true));
      const chat = { chunks: 0, finished: false };
      try {
        for await (const event of model.getStreamedResponse(request)) {
          if (event.type === 'model' && isChatChunk(event.event)) {
            // A Chat Completions chunk comes twice: raw, then as the delta it carries. The raw copy
            // says only whether the stream finished; dropping it here halves what every delta
            // costs in the run loop above (its events, promises and web stream reads).
            chat.chunks += 1;
            if (event.event.choices.some(hasFinishReason)) chat.finished = true;
            continue;
          }
          if (event.type === 'response_done') {
            if (chat.chunks > 0 && !chat.finished) {
              // A Chat Completions stream that ended without a finish reason was cut off mid-way.
              throw new ModelStreamError('cut', 'The model stream ended without a finish reason');
            }
            recordUsage(span, event.response.usage);
            if (!event.response.output.some((item) => item.type !== 'reasoning')) {
              throw new ModelStreamError('cut', 'The model response held no message and no tool call');
            }
          }
          yield event;
        }
      } catch (error) {
        throw failed(span, error);
      } finally {
        span.end();
      }
    },
  };
  if (model.getRetryAdvice) checked.getRetryAdvice = (args) => model.getRetryAdvice!(args);
  return checked;
}

function isChatChunk(event: unknown): event is { choices: unknown[] } {
  return typeof event === 'object' && event !== null && 'choices' in event && Array.isArray(event.choices);
}

function hasFinishReason(choice: unknown): boolean {
  return typeof choice === 'object' && choice !== null && 'finish_reason' in choice && Boolean(choice.finish_reason);
}

function spanOptions(name: string, stream: boolean) {
  return { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': name, 'chatwire.stream': stream } };
}

function recordUsage(span: Span, usage: { inputTokens: number; outputTokens: number } | undefined): void {
  if (!usage) return;
  span.setAttributes({ 'gen_ai.usage.input_tokens': usage.inputTokens, 'gen_ai.usage.output_tokens': usage.outputTokens });
}

function failed(span: Span, error: unknown): unknown {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  return error;
}
