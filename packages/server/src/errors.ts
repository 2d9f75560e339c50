/**
 * The one error hierarchy of `@chatwire/server`. Each error knows how it reaches a client:
 * as an HTTP status with a JSON body when it happens before a stream opens
 * (`http/json-response.ts`), or as an `error` event inside a stream (`event-pipeline.ts`).
 */
export abstract class ChatKitError extends Error {
  /** Stable machine-readable code for the JSON error body. */
  abstract readonly code: string;
  abstract readonly status: number;
}

/** A thread, item or attachment that does not exist, or is not the caller's: the two are indistinguishable. */
export class NotFoundError extends ChatKitError {
  readonly code = 'not_found';
  readonly status = 404;
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request body is not a valid ChatKit request; `field` names what is wrong. */
export class BadRequestError extends ChatKitError {
  readonly code: string;
  readonly status = 400;
  constructor(
    message: string,
    readonly field?: string,
    code = 'invalid_request',
  ) {
    super(message);
    this.name = 'BadRequestError';
    this.code = code;
  }
}

export class PayloadTooLargeError extends ChatKitError {
  readonly code = 'payload_too_large';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** The request is valid but the thread is not in a state that allows it (locked, closed, nothing pending). */
export class ConflictError extends ChatKitError {
  readonly code: string;
  readonly status = 409;
  constructor(message: string, code = 'conflict') {
    super(message);
    this.name = 'ConflictError';
    this.code = code;
  }
}

/**
 * Too many requests, or too many replies streaming at once, for one user: HTTP 429 with
 * `Retry-After`. Raised by the server's request limits before anything is read or written.
 */
export class RateLimitedError extends ChatKitError {
  readonly code: string;
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'rate_limited',
  ) {
    super(message);
    this.name = 'RateLimitedError';
    this.code = code;
  }
}

/** The integrator did not provide this capability (an attachment store, transcription, sync actions). */
export class NotImplementedError extends ChatKitError {
  readonly code = 'not_implemented';
  readonly status = 501;
  constructor(message: string) {
    super(message);
    this.name = 'NotImplementedError';
  }
}

/** A store or other dependency is temporarily unreachable. */
export class ServiceUnavailableError extends ChatKitError {
  readonly code = 'unavailable';
  readonly status = 503;
  constructor(
    message = 'Service temporarily unavailable',
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

/**
 * Raise inside `respond()` or `action()` to end the stream with `{"type":"error","code":…}` and no
 * message. `allowRetry` defaults to true for `stream.error` and false for any other code, as in the reference.
 */
export class StreamError extends Error {
  readonly code: string;
  readonly allowRetry: boolean;
  constructor(code = 'stream.error', options: { allowRetry?: boolean; message?: string } = {}) {
    super(options.message ?? code);
    this.name = 'StreamError';
    this.code = code;
    this.allowRetry = options.allowRetry ?? code === 'stream.error';
  }
}

/** Raise inside `respond()` or `action()` to show the user `message` (error code `custom`). */
export class CustomStreamError extends Error {
  readonly allowRetry: boolean;
  constructor(message: string, options: { allowRetry?: boolean } = {}) {
    super(message);
    this.name = 'CustomStreamError';
    this.allowRetry = options.allowRetry ?? false;
  }
}
