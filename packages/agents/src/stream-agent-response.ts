import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { Logger } from '@chatwire/server';
import type {
  AgentInputItem,
  CallModelInputFilter,
  Runner,
  RunState,
  RunStreamEvent,
  RunToolApprovalItem,
} from '@openai/agents-core';
import type { AgentContext } from './agent-context.js';
import type { ChatAgent } from './chat-agent.js';
import { isGuardrailTrip, ModelStreamError, toModelFailure } from './model-errors.js';
import type { ResponseSink } from './response-sink.js';
import { StreamConverter, type ConverterHooks } from './stream-converter.js';
import type { UsageMeter } from './usage-meter.js';
import { Watchdog } from './watchdog.js';

export const DEFAULT_GUARDRAIL_MESSAGE = "This request can't be answered.";

export interface StreamAgentResponseOptions<TContext> {
  runner: Runner;
  agent: ChatAgent<TContext>;
  /** The model input, or a paused run to resume (its approvals decided). */
  input: AgentInputItem[] | RunState<AgentContext<TContext>, ChatAgent<TContext>>;
  context: AgentContext<TContext>;
  /**
   * The run paused for tool approvals: store it and show the approval card. Without it a paused
   * run just ends.
   */
  onInterruptions?: (
    state: RunState<AgentContext<TContext>, ChatAgent<TContext>>,
    interruptions: RunToolApprovalItem[],
  ) => Promise<void>;
  sink: ResponseSink;
  /** The response's signal (`run.signal`): aborting it aborts the model request. */
  signal: AbortSignal;
  maxTurns?: number;
  /** Longest silence allowed from a model while it owes the next event (default 60 s). */
  idleTimeoutMs?: number;
  hooks?: ConverterHooks;
  callModelInputFilter?: CallModelInputFilter;
  guardrailMessage?: string;
  logger?: Logger;
  /** Counts the run's model calls; a call the run ends without is estimated. */
  usage?: UsageMeter;
}

/**
 * Runs `agent` on `input` and streams the result as ChatKit events, merged in order with what
 * tools stream through the `AgentContext`. On a model failure the text already shown is kept
 * (its item is finished) and a `CustomStreamError` is thrown for the pipeline to report; on a
 * guardrail trip everything this response produced is removed and an error event ends it. When
 * `signal` aborts (the user stopped or left), the model request is aborted and nothing more is sent.
 */
export async function* streamAgentResponse<TContext>(
  options: StreamAgentResponseOptions<TContext>,
): AsyncGenerator<ThreadStreamEvent> {
  const { sink, signal } = options;
  const run = new AbortController();
  const stop = () => run.abort(signal.reason);
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });

  const converter = new StreamConverter(sink, options.hooks);
  const pumping = pump(options, converter, run);
  let finished = false;
  try {
    for (;;) {
      const next = await sink.queue.next();
      if (next.done) break;
      yield next.value;
    }
    finished = true;
  } finally {
    signal.removeEventListener('abort', stop);
    if (!finished) run.abort();
    // The run's last word (its usage above all) comes once the aborted model call has unwound.
    await pumping;
  }
}

/** Reads the SDK stream into the sink; never throws (failures reach the consumer through the sink). */
async function pump<TContext>(
  options: StreamAgentResponseOptions<TContext>,
  converter: StreamConverter,
  run: AbortController,
): Promise<void> {
  const { sink, signal } = options;
  const watchdog = new Watchdog(options.idleTimeoutMs ?? 60_000, () => run.abort());
  try {
    const result = await options.runner.run(options.agent, options.input, {
      stream: true,
      signal: run.signal,
      // A resumed run brings its own context (the state was rebuilt around this reply's).
      ...(Array.isArray(options.input) && { context: options.context }),
      ...(options.maxTurns !== undefined && { maxTurns: options.maxTurns }),
      ...(options.callModelInputFilter && { callModelInputFilter: options.callModelInputFilter }),
    });
    const events: AsyncIterator<RunStreamEvent> = result[Symbol.asyncIterator]();
    for (;;) {
      const next = await events.next();
      if (next.done) break;
      options.usage?.observe(next.value);
      watchdog.beat(converter.inResponse);
      converter.handle(next.value);
      watchdog.beat(converter.inResponse);
    }
    await result.completed;
    if (signal.aborted) return sink.queue.close();
    if (watchdog.fired) throw new ModelStreamError('timeout', 'The model sent nothing for too long');
    converter.closePartial();
    if (result.interruptions.length > 0 && options.onInterruptions) {
      await options.onInterruptions(result.state, result.interruptions);
    }
    finishClientToolCall(options.context, sink);
    sink.queue.close();
  } catch (error) {
    run.abort();
    if (signal.aborted) return sink.queue.close();
    fail(options, converter, watchdog.fired ? new ModelStreamError('timeout', 'The model sent nothing for too long') : error);
  } finally {
    watchdog.stop();
    options.usage?.settleOpenCall(Array.isArray(options.input) ? options.input : []);
  }
}

function fail<TContext>(options: StreamAgentResponseOptions<TContext>, converter: StreamConverter, error: unknown): void {
  const { sink } = options;
  if (isGuardrailTrip(error)) {
    converter.messages.discard();
    converter.images.discard();
    for (const itemId of sink.produced) sink.emit({ type: 'thread.item.removed', item_id: itemId });
    sink.emit({
      type: 'error',
      code: 'custom',
      message: options.guardrailMessage ?? DEFAULT_GUARDRAIL_MESSAGE,
      allow_retry: false,
    });
    sink.queue.close();
    return;
  }
  converter.closePartial();
  const failure = toModelFailure(error);
  if (failure)
    options.logger?.warn('The model failed', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  sink.queue.fail(failure ?? error);
}

/** A client tool call ends the response as a pending item the client will run. */
function finishClientToolCall<TContext>(context: AgentContext<TContext>, sink: ResponseSink): void {
  const call = context.clientToolCall;
  if (!call) return;
  sink.emit({
    type: 'thread.item.done',
    item: {
      type: 'client_tool_call',
      id: sink.newId('tool_call'),
      thread_id: sink.threadId,
      created_at: sink.timestamp(),
      status: 'pending',
      call_id: call.callId,
      name: call.name,
      arguments: call.arguments,
    },
  });
}
