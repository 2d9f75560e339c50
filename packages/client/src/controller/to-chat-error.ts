import { ChatKitHttpError, ChatKitNetworkError, ChatKitStreamError, ProtocolError } from '../errors.js';
import type { ChatError } from './state.js';

/** Statuses where trying the same thing again later can work. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Any failure, as the `error` a UI shows. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatKitHttpError) {
    const chatError: ChatError = {
      source: 'http',
      code: error.code,
      message: error.message,
      status: error.status,
      allowRetry: RETRYABLE_STATUSES.has(error.status),
    };
    if (error.retryAfter !== undefined) chatError.retryAfter = error.retryAfter;
    return chatError;
  }
  if (error instanceof ChatKitStreamError) {
    return { source: 'stream', code: error.code, message: error.message, allowRetry: error.allowRetry };
  }
  if (error instanceof ChatKitNetworkError)
    return { source: 'network', code: 'network', message: error.message, allowRetry: true };
  if (error instanceof ProtocolError) return { source: 'protocol', code: 'protocol', message: error.message, allowRetry: true };
  const message = error instanceof Error ? error.message : String(error);
  return { source: 'client', code: 'client_error', message, allowRetry: false };
}

/** The `Error` reported to `on('error')` listeners. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
