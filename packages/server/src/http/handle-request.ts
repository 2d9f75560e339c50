import { EXTENSION_REQUEST_TYPES } from '@chatwire/protocol';
import { processRequest, type ContextInput } from '../process.js';
import type { ServerCore } from '../server-core.js';
import { readBody } from './read-body.js';
import { errorResponse, jsonResponse, toErrorResponse } from './json-response.js';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

/**
 * Names the request types this server has beyond the reference's, on every answer to a request:
 * how our client knows it may send `chatwire.threads.stop` and `chatwire.threads.resume` (a stock
 * ChatKit server never sends the header, so the client keeps to the reference there).
 */
export const EXTENSIONS_HEADER = 'X-Chatwire-Extensions';
const EXTENSIONS = EXTENSION_REQUEST_TYPES.join(', ');

/**
 * `POST` one ChatKit request, answer JSON or SSE. Every failure before the stream opens is a
 * JSON error with its status; once the stream is open, failures are `error` events.
 */
export async function handleRequest<TContext>(
  core: ServerCore<TContext>,
  request: Request,
  context: ContextInput<TContext>,
): Promise<Response> {
  if (request.method !== 'POST') {
    return errorResponse(405, 'method_not_allowed', 'Use POST', { Allow: 'POST' });
  }
  try {
    const body = await readBody(request, core.maxBodyBytes);
    const result = await processRequest(core, body, context, { signal: request.signal });
    if (!result.streaming) return jsonResponse(result.json, 200, { [EXTENSIONS_HEADER]: EXTENSIONS });
    return new Response(result.toReadableStream(), { status: 200, headers: { ...SSE_HEADERS, [EXTENSIONS_HEADER]: EXTENSIONS } });
  } catch (error) {
    // A client that left mid-upload gets no answer, so there is nothing to log or send.
    if (request.signal.aborted) return errorResponse(499, 'client_closed', 'Client closed the request');
    return toErrorResponse(error, core.logger);
  }
}
