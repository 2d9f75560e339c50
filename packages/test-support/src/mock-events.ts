/**
 * What the mock model sends: a scripted reply as Responses API stream events or as Chat
 * Completions chunks, in the shapes the OpenAI client and the agents SDK read.
 */

export interface MockToolCall {
  name: string;
  arguments: unknown;
  callId?: string;
}

export interface MockReply {
  /** Text deltas of the assistant message. */
  text?: string[];
  /** Responses API only: raw annotations (`url_citation`, `file_citation`, …) added after the text. */
  annotations?: unknown[];
  /** Responses API only: reasoning summary deltas, sent before the message. */
  reasoning?: string[];
  /** Function calls, sent after the message (if any). */
  toolCalls?: MockToolCall[];
  /** Answer with this HTTP status and a JSON error body instead. */
  status?: number;
  /** Destroy the connection after this many events. */
  cutAfter?: number;
  /** End the body cleanly (no terminal event, no `[DONE]`) after this many events. */
  endAfter?: number;
  /** Send nothing more after this many events, leaving the connection open. */
  stallAfter?: number;
  /** Never send the response headers. */
  stallBeforeHeaders?: boolean;
  /** Send a line that is not JSON after this many events. */
  malformedAfter?: number;
  /** Responses API only: send these events verbatim instead of building them. */
  events?: unknown[];
  /** Milliseconds between events (default 0). */
  eventDelayMs?: number;
  /** Answer with exactly this instead (status 200 unless given): a model endpoint that speaks something else. */
  raw?: { status?: number; contentType: string; body: string };
  /** The token counts the reply reports (default 12 in, 7 out). */
  usage?: { input: number; output: number };
}

const USAGE = {
  input_tokens: 12,
  output_tokens: 7,
  total_tokens: 19,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens_details: { reasoning_tokens: 0 },
};

/** The Responses API stream for `reply`: `response.created` … `response.completed`. */
export function responsesEvents(reply: MockReply, n: number): unknown[] {
  if (reply.events) return reply.events;
  const responseId = `resp_mock_${n}`;
  const base = { id: responseId, object: 'response', created_at: 1_700_000_000, model: 'mock-model' };
  const events: unknown[] = [{ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } }];
  const output: unknown[] = [];
  let index = 0;
  if (reply.reasoning) {
    const id = `rs_mock_${n}`;
    const text = reply.reasoning.join('');
    events.push({ type: 'response.output_item.added', output_index: index, item: { id, type: 'reasoning', summary: [] } });
    events.push({
      type: 'response.reasoning_summary_part.added',
      item_id: id,
      output_index: index,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    for (const delta of reply.reasoning)
      events.push({ type: 'response.reasoning_summary_text.delta', item_id: id, output_index: index, summary_index: 0, delta });
    events.push({ type: 'response.reasoning_summary_text.done', item_id: id, output_index: index, summary_index: 0, text });
    const item = { id, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
    events.push({ type: 'response.output_item.done', output_index: index, item });
    output.push(item);
    index += 1;
  }
  if (reply.text) {
    const id = `msg_mock_${n}`;
    const text = reply.text.join('');
    const annotations = reply.annotations ?? [];
    events.push({
      type: 'response.output_item.added',
      output_index: index,
      item: { id, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    });
    events.push({
      type: 'response.content_part.added',
      item_id: id,
      output_index: index,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    for (const delta of reply.text)
      events.push({
        type: 'response.output_text.delta',
        item_id: id,
        output_index: index,
        content_index: 0,
        delta,
        logprobs: [],
      });
    annotations.forEach((annotation, annotationIndex) =>
      events.push({
        type: 'response.output_text.annotation.added',
        item_id: id,
        output_index: index,
        content_index: 0,
        annotation_index: annotationIndex,
        annotation,
      }),
    );
    events.push({ type: 'response.output_text.done', item_id: id, output_index: index, content_index: 0, text, logprobs: [] });
    const part = { type: 'output_text', text, annotations };
    events.push({ type: 'response.content_part.done', item_id: id, output_index: index, content_index: 0, part });
    const item = { id, type: 'message', role: 'assistant', status: 'completed', content: [part] };
    events.push({ type: 'response.output_item.done', output_index: index, item });
    output.push(item);
    index += 1;
  }
  for (const [callIndex, call] of (reply.toolCalls ?? []).entries()) {
    const id = `fc_mock_${n}_${callIndex}`;
    const args = JSON.stringify(call.arguments);
    const callId = call.callId ?? `call_mock_${n}_${callIndex}`;
    events.push({
      type: 'response.output_item.added',
      output_index: index,
      item: { id, type: 'function_call', call_id: callId, name: call.name, arguments: '', status: 'in_progress' },
    });
    events.push({ type: 'response.function_call_arguments.delta', item_id: id, output_index: index, delta: args });
    events.push({ type: 'response.function_call_arguments.done', item_id: id, output_index: index, arguments: args });
    const item = { id, type: 'function_call', call_id: callId, name: call.name, arguments: args, status: 'completed' };
    events.push({ type: 'response.output_item.done', output_index: index, item });
    output.push(item);
    index += 1;
  }
  const usage = reply.usage
    ? {
        ...USAGE,
        input_tokens: reply.usage.input,
        output_tokens: reply.usage.output,
        total_tokens: reply.usage.input + reply.usage.output,
      }
    : USAGE;
  events.push({ type: 'response.completed', response: { ...base, status: 'completed', output, usage } });
  return events.map((event, sequence) => ({ ...(event as object), sequence_number: sequence }));
}

/** The Chat Completions stream for `reply`: chunks, a usage chunk; `[DONE]` is added by the server. */
export function chatChunks(reply: MockReply, n: number): unknown[] {
  const base = { id: `chatcmpl-mock-${n}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'mock-model' };
  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '' })];
  for (const delta of reply.text ?? []) chunks.push(chunk({ content: delta }));
  for (const [callIndex, call] of (reply.toolCalls ?? []).entries()) {
    const id = call.callId ?? `call_mock_${n}_${callIndex}`;
    chunks.push(
      chunk({ tool_calls: [{ index: callIndex, id, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    chunks.push(chunk({ tool_calls: [{ index: callIndex, function: { arguments: JSON.stringify(call.arguments) } }] }));
  }
  chunks.push(chunk({}, reply.toolCalls?.length ? 'tool_calls' : 'stop'));
  const { input, output } = reply.usage ?? { input: 12, output: 7 };
  chunks.push({ ...base, choices: [], usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output } });
  return chunks;
}

/** A whole (non-streamed) answer holding `text`. */
export function responsesJson(text: string, n: number): unknown {
  const item = {
    id: `msg_mock_${n}`,
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  return {
    id: `resp_mock_${n}`,
    object: 'response',
    created_at: 1_700_000_000,
    model: 'mock-model',
    status: 'completed',
    output: [item],
    usage: USAGE,
  };
}

export function chatJson(text: string, n: number): unknown {
  return {
    id: `chatcmpl-mock-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'mock-model',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  };
}
