/**
 * The errors `@chatwire/client` raises. Everything a server or the network can do wrong arrives
 * as one of these, so a caller can tell "the server said no" from "the server said nonsense".
 */
export class ChatKitClientError extends Error {
  override name = 'ChatKitClientError';
}

/**
 * The server answered with an HTTP error, `{"error":{"code","message"}}` when it follows the
 * contract; other bodies are described as well as they can be.
 */
export class ChatKitHttpError extends ChatKitClientError {
  override name = 'ChatKitHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again, from `Retry-After` (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The server answered, but not with what the protocol says it must (a bad body, a wrong content type). */
export class ProtocolError extends ChatKitClientError {
  override name = 'ProtocolError';
  constructor(
    message: string,
    /** The text that failed to parse, shortened. */
    readonly body?: string,
  ) {
    super(message);
  }
}

/** `fetch` itself failed: offline, DNS, CORS, a connection reset. */
export class ChatKitNetworkError extends ChatKitClientError {
  override name = 'ChatKitNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The server sent an `error` event inside a stream. */
export class ChatKitStreamError extends ChatKitClientError {
  override name = 'ChatKitStreamError';
  constructor(
    readonly code: string,
    message: string,
    readonly allowRetry: boolean,
  ) {
    super(message);
  }
}

/** True for the error an aborted `fetch` or stream read rejects with. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}
