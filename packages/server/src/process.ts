import type { ChatKitReq } from '@chatwire/protocol';
import { BadRequestError, PayloadTooLargeError } from './errors.js';
import { dispatch } from './dispatch.js';
import { parseRequest } from './parse-request.js';
import type { RequestEnv } from './request-env.js';
import { NonStreamingResult, StreamingResult } from './results.js';
import type { ChatKitServer } from './server.js';

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

export async function processRequest<TContext>(
  server: ChatKitServer<TContext>,
  body: string | Uint8Array,
  contextInput: ContextInput<TContext>,
  options: ProcessOptions,
): Promise<ProcessResult> {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size > server.maxBodyBytes) throw new PayloadTooLargeError(server.maxBodyBytes);
  const request = parseRequest(typeof body === 'string' ? body : decodeUtf8(body));
  const context = isResolver(contextInput) ? await contextInput(request) : contextInput;

  const abort = new AbortController();
  const signal = options.signal;
  if (signal?.aborted) abort.abort();
  else signal?.addEventListener('abort', () => abort.abort(), { once: true });

  const env: RequestEnv<TContext> = {
    server,
    store: server.store,
    attachmentStore: server.attachmentStore,
    context,
    signal: abort.signal,
    logger: server.logger,
    now: server.now,
  };
  const outcome = await dispatch(request, env);
  if (outcome.kind === 'json') return new NonStreamingResult(JSON.stringify(outcome.body));
  return new StreamingResult(outcome.plan, abort, server.logger);
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
