import { isStreamingReq, type ChatKitReq } from '@chatwire/protocol';
import { context as otelContext, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { BadRequestError, ChatKitError, PayloadTooLargeError, ServiceUnavailableError } from './errors.js';
import { dispatch, type Outcome } from './dispatch.js';
import { admit } from './limits/request-limits.js';
import { parseRequest } from './parse-request.js';
import type { RequestEnv } from './request-env.js';
import { NonStreamingResult, StreamingResult } from './results.js';
import { ReplyRun } from './runs.js';
import type { ServerCore } from './server-core.js';

/**
 * Builds the request context from the parsed request, for contexts that depend on the body
 * (such as `metadata.pageContext`). Runs after validation, before any handler.
 */
export type ContextResolver<TContext> = (request: ChatKitReq) => TContext | Promise<TContext>;

/** A context, or a resolver that builds it from the parsed request. */
export type ContextInput<TContext> = TContext | ContextResolver<TContext>;

export interface ProcessOptions {
  /** Aborting it cancels a streaming reply, as a client disconnect does. */
  signal?: AbortSignal;
}

export type ProcessResult = StreamingResult | NonStreamingResult;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const tracer = trace.getTracer('@chatwire/server');

/** How long a client turned away by a server shutting down should wait: another instance, or this one restarted. */
const SHUTTING_DOWN_RETRY_AFTER_SECONDS = 5;

/** Parses and runs one request body; the semantics of `ChatKitServer.process`. */
export async function processRequest<TContext>(
  core: ServerCore<TContext>,
  body: string | Uint8Array,
  contextInput: ContextInput<TContext>,
  options: ProcessOptions,
): Promise<ProcessResult> {
  if (core.closing) {
    throw new ServiceUnavailableError('The server is shutting down; try again shortly', SHUTTING_DOWN_RETRY_AFTER_SECONDS);
  }
  if (exceeds(body, core.maxBodyBytes)) throw new PayloadTooLargeError(core.maxBodyBytes);
  const request = parseRequest(typeof body === 'string' ? body : decodeUtf8(body));
  const context = isResolver(contextInput) ? await contextInput(request) : contextInput;
  // Refused before anything is read or written; a stream slot is held until the reply is over.
  const slot = await admit(core.limits, request, context);

  // The run owns the signal a client disconnect aborts; a streamed one is tracked, so that shutdown can stop it.
  // With `onDisconnect: 'continue'` a reply outlives its client instead: the stream detaches and the run goes on.
  const run = new ReplyRun();
  const continues = core.runManager.onDisconnect === 'continue' && isStreamingReq(request);
  let result: StreamingResult | undefined = undefined;
  let left = false;
  const leave = () => {
    left = true;
    if (!continues) run.stop();
    else result?.detach();
  };
  const signal = options.signal;
  if (signal?.aborted) leave();
  else signal?.addEventListener('abort', leave, { once: true });

  const env: RequestEnv<TContext> = {
    hooks: core.hooks,
    store: core.store,
    attachmentStore: core.attachmentStore,
    context,
    signal: run.signal,
    logger: core.logger,
    now: core.now,
    limits: core.limits,
    run,
    runs: core.runManager,
  };
  // One span per request, to the end of its reply when it streams: its store and model calls are children.
  const span = tracer.startSpan(`chatkit ${request.type}`, { attributes: { 'chatkit.request.type': request.type } });
  let outcome: Outcome;
  try {
    outcome = await otelContext.with(trace.setSpan(otelContext.active(), span), () => dispatch(request, env));
  } catch (error) {
    slot?.release();
    endSpan(span, error);
    throw error;
  }
  if (outcome.kind === 'json') {
    slot?.release();
    endSpan(span);
    return new NonStreamingResult(JSON.stringify(outcome.body));
  }
  void run.settled.then(() => {
    slot?.release();
    endSpan(span);
  });
  core.runs.add(run);
  result = new StreamingResult(outcome.plan, run, core.logger, { keepAliveMs: core.keepAliveMs, detachable: continues });
  if (left && continues) result.detach();
  return result;
}

function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    if (error instanceof ChatKitError) span.setAttribute('chatkit.error.code', error.code);
  }
  span.end();
}

/** Whether the body's UTF-8 size is over `limit`. */
function exceeds(body: string | Uint8Array, limit: number): boolean {
  if (typeof body !== 'string') return body.byteLength > limit;
  // A UTF-16 unit is 1 to 3 bytes of UTF-8, so the length alone decides most bodies without encoding them.
  if (body.length > limit) return true;
  if (body.length * 3 <= limit) return false;
  return encoder.encode(body).byteLength > limit;
}

function isResolver<TContext>(input: ContextInput<TContext>): input is ContextResolver<TContext> {
  return typeof input === 'function';
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadRequestError('Request body is not valid UTF-8', undefined, 'invalid_json');
  }
}
