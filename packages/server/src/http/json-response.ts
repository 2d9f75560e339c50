import { ChatKitError, PayloadTooLargeError, RateLimitedError, ServiceUnavailableError } from '../errors.js';
import { describeError, type Logger } from '../logger.js';

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

export function jsonResponse(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** `{"error":{"code","message"}}` with the status the error stands for. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(JSON.stringify({ error: { code, message } }), status, headers);
}

/**
 * The one place errors become HTTP answers. Known errors carry their status and a message meant
 * for the client; anything else is logged and answered as a bare 500, never with a stack trace.
 */
export function toErrorResponse(error: unknown, logger: Logger): Response {
  if (error instanceof ChatKitError) {
    const headers: Record<string, string> = {};
    if (error instanceof ServiceUnavailableError || error instanceof RateLimitedError) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    }
    if (error instanceof PayloadTooLargeError) headers.Connection = 'close';
    return errorResponse(error.status, error.code, error.message, headers);
  }
  logger.error('Request failed', describeError(error));
  return errorResponse(500, 'internal', 'Internal server error');
}
