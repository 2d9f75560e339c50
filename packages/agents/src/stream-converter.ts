import type { RunStreamEvent } from '@openai/agents-core';
import type { CitationHooks } from './annotations.js';
import { AssistantMessages, type FinalPart } from './assistant-messages.js';
import { GeneratedImages, type ImageHooks } from './generated-images.js';
import { ModelStreamError } from './model-errors.js';
import { ReasoningThoughts } from './reasoning-thoughts.js';
import type { ResponseSink } from './response-sink.js';
import {
  isResponsesEvent,
  parseResponsesEvent,
  type OutputContentPart,
  type OutputItem,
  type ResponsesEvent,
} from './responses-events.js';

export interface ConverterHooks extends CitationHooks, ImageHooks {}

type StreamEvent = Extract<RunStreamEvent, { type: 'raw_model_stream_event' }>['data'];

/**
 * Turns the agents SDK stream into ChatKit events on the sink. Two sources, decided per model
 * response: a Responses API model exposes its raw events, which carry everything (message items,
 * citations, reasoning summaries, images); any other model (Chat Completions, the offline model,
 * custom ones) is read through the SDK's own `output_text_delta` and `response_done` events.
 */
export class StreamConverter {
  readonly messages: AssistantMessages;
  readonly images: GeneratedImages;
  private readonly thoughts: ReasoningThoughts;
  private responsesMode = false;
  private responseCount = 0;
  /** True between a response starting and its end: when the model, not a tool, owes the next event. */
  inResponse = false;

  constructor(
    private readonly sink: ResponseSink,
    hooks: ConverterHooks = {},
  ) {
    this.messages = new AssistantMessages(sink, hooks);
    this.images = new GeneratedImages(sink, hooks);
    this.thoughts = new ReasoningThoughts(sink);
  }

  handle(event: RunStreamEvent): void {
    if (event.type === 'raw_model_stream_event') this.raw(event.data);
  }

  /** After a failure: keep what the user saw, take back what never got content, close the workflow. */
  closePartial(): void {
    this.messages.closePartial();
    this.images.closePartial();
    this.sink.workflow.end();
  }

  private raw(data: StreamEvent): void {
    switch (data.type) {
      case 'response_started':
        this.responseCount += 1;
        this.responsesMode = false;
        this.inResponse = true;
        return;
      case 'model':
        this.model(data.event);
        return;
      case 'output_text_delta':
        if (!this.responsesMode) this.genericDelta(data.delta);
        return;
      case 'response_done':
        this.inResponse = false;
        if (!this.responsesMode) this.genericDone(data.response.output);
        return;
    }
  }

  /** Raw Responses API events (`checkedModel` keeps Chat Completions chunks from coming here). */
  private model(event: unknown): void {
    if (!isResponsesEvent(event)) return;
    this.responsesMode = true;
    const parsed = parseResponsesEvent(event);
    if (parsed) this.responses(parsed);
  }

  private genericKey(): string {
    return `generic:${this.responseCount}`;
  }

  private genericDelta(delta: string): void {
    const key = this.genericKey();
    if (!this.messages.has(key)) {
      this.messages.start(key);
      this.messages.partAdded(key, 0);
    }
    this.messages.delta(key, 0, delta);
  }

  private genericDone(output: readonly unknown[]): void {
    const final = finalText(output);
    const key = this.genericKey();
    if (this.messages.has(key)) {
      const text = final?.map((part) => part.text).join('');
      this.messages.partDone(key, 0, text);
      this.messages.done(key, text === undefined ? undefined : [{ text }]);
    } else if (final && final.some((part) => part.text !== '')) {
      this.messages.whole(final);
    }
  }

  private responses(event: ResponsesEvent): void {
    switch (event.type) {
      case 'response.output_item.added':
        return this.itemAdded(event.item);
      case 'response.output_item.done':
        return this.itemDone(event.item);
      case 'response.content_part.added':
        if (event.part.type === 'output_text' || event.part.type === 'refusal') {
          const { text, annotations } = partText(event.part);
          this.messages.partAdded(event.item_id, event.content_index, text, annotations);
        }
        return;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return this.messages.delta(event.item_id, event.content_index, event.delta);
      case 'response.output_text.annotation.added':
        return this.messages.annotation(event.item_id, event.content_index, event.annotation);
      case 'response.output_text.done':
        return this.messages.partDone(event.item_id, event.content_index, event.text);
      case 'response.refusal.done':
        return this.messages.partDone(event.item_id, event.content_index, event.refusal);
      case 'response.reasoning_summary_text.delta':
        return this.thoughts.delta(event.item_id, event.summary_index, event.delta);
      case 'response.reasoning_summary_text.done':
        return this.thoughts.done(event.item_id, event.summary_index, event.text);
      case 'response.image_generation_call.partial_image':
        return this.images.partial(event.item_id, event.partial_image_index, event.partial_image_b64);
      case 'response.failed':
        throw new ModelStreamError('failed', event.response.error?.message ?? 'The response failed', {
          code: event.response.error?.code ?? undefined,
        });
      case 'response.incomplete':
        this.inResponse = false;
        throw new ModelStreamError('incomplete', 'The response is incomplete', {
          reason: event.response.incomplete_details?.reason ?? undefined,
        });
      case 'error':
        throw new ModelStreamError('failed', event.message ?? 'The model stream reported an error', {
          code: event.code ?? undefined,
        });
    }
  }

  private itemAdded(item: OutputItem): void {
    if (item.type === 'reasoning') this.thoughts.begin();
    else if (item.type === 'message' && item.id) {
      this.messages.start(item.id);
      // Content a message is announced with (normally none) is added part by part later.
    } else if (item.type === 'image_generation_call' && item.id) this.images.start(item.id);
  }

  private itemDone(item: OutputItem): void {
    if (item.type === 'message' && item.id) this.messages.done(item.id, item.content?.map(partText));
    else if (item.type === 'image_generation_call' && item.id) this.images.done(item.id, item.result);
  }
}

function partText(part: OutputContentPart): FinalPart & { annotations: readonly unknown[] } {
  if ('text' in part && typeof part.text === 'string')
    return { text: part.text, annotations: 'annotations' in part && Array.isArray(part.annotations) ? part.annotations : [] };
  if ('refusal' in part && typeof part.refusal === 'string') return { text: part.refusal, annotations: [] };
  return { text: '', annotations: [] };
}

/** The assistant text of a finished response, from the SDK's output items. */
function finalText(output: readonly unknown[]): FinalPart[] | undefined {
  for (const item of output) {
    if (typeof item !== 'object' || item === null || !('role' in item) || item.role !== 'assistant' || !('content' in item))
      continue;
    if (!Array.isArray(item.content)) continue;
    const parts: FinalPart[] = [];
    for (const part of item.content as unknown[]) {
      if (typeof part !== 'object' || part === null || !('type' in part)) continue;
      if (part.type === 'output_text' && 'text' in part && typeof part.text === 'string') parts.push({ text: part.text });
      else if (part.type === 'refusal' && 'refusal' in part && typeof part.refusal === 'string')
        parts.push({ text: part.refusal });
    }
    return parts;
  }
  return undefined;
}
