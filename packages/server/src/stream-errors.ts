import type { ErrorEvent } from '@chatwire/protocol';
import { CustomStreamError, StreamError } from './errors.js';

/** How an exception raised by a responder reaches the client: one `error` event. */
export function toErrorEvent(error: unknown): ErrorEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof StreamError) {
    return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  }
  // Anything else is unexpected: the details go to the log, never to the client.
  return { type: 'error', code: 'stream.error', allow_retry: true };
}
