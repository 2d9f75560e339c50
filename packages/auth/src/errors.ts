/**
 * The one error hierarchy of `@chatwire/auth`. Every request-time error knows its HTTP form
 * (status, JSON `code`, headers), so an app maps all of them in one place with
 * `authErrorResponse`. Configuration mistakes are `AuthConfigError` and never reach a client.
 */
export abstract class AuthRequestError extends Error {
  abstract readonly status: 401 | 403 | 503;
  /** Stable machine-readable code for the JSON error body. */
  abstract readonly code: string;
  /** Headers the response must carry (`WWW-Authenticate`, `Retry-After`). */
  abstract readonly headers: Readonly<Record<string, string>>;
}

/** RFC 6750 error codes; `undefined` means "no credentials were sent". */
export type BearerErrorCode = 'invalid_token' | 'invalid_request';

/** Missing or invalid credentials: 401 with a `WWW-Authenticate: Bearer …` challenge. */
export class AuthError extends AuthRequestError {
  readonly status = 401;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The `WWW-Authenticate` value, e.g. `Bearer error="invalid_token", error_description="the token has expired"`. */
  readonly wwwAuthenticate: string;

  constructor(
    message: string,
    readonly bearerError?: BearerErrorCode,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'AuthError';
    this.code = bearerError ?? 'unauthenticated';
    this.wwwAuthenticate = bearerChallenge(bearerError, message);
    this.headers = { 'WWW-Authenticate': this.wwwAuthenticate };
  }
}

/** A cookie-authenticated request from a missing or disallowed `Origin`: 403. */
export class ForbiddenError extends AuthRequestError {
  readonly status = 403;
  readonly code = 'forbidden_origin';
  readonly headers = {};
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The identity provider's keys cannot be obtained, and no usable key is cached: 503, never accept. */
export class AuthUnavailableError extends AuthRequestError {
  readonly status = 503;
  readonly code = 'auth_unavailable';
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    message = 'The identity provider is unreachable; try again shortly',
    readonly retryAfterSeconds = 5,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'AuthUnavailableError';
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

/** An invalid option passed to this package; `option` names it so an app can name its variable. */
export class AuthConfigError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'AuthConfigError';
  }
}

/** `{"error":{"code","message"}}` with the error's status and headers. */
export function authErrorResponse(error: AuthRequestError): Response {
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), {
    status: error.status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...error.headers },
  });
}

function bearerChallenge(error: BearerErrorCode | undefined, description: string): string {
  if (error === undefined) return 'Bearer realm="chatwire"';
  return `Bearer error="${error}", error_description="${quotable(description)}"`;
}

/** RFC 6750 limits `error_description` to printable ASCII without `"` and `\`. */
function quotable(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/g, "'");
}
