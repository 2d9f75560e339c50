import { ServiceUnavailableError } from '@chatwire/server';

/** Socket-level failures: the server is not there, or the connection to it broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** Server states that pass: shutting down (57P01, 57P02), starting up (57P03), out of connection slots (53300). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What `pg` and `pg-pool` throw without a code when a connection dies, never comes, or the pool is shut. */
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|not queryable|cannot use a pool after calling end/i;

/** The SQLSTATE of a server error (`pg` and PGlite errors carry `code` and `severity`). */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('severity' in error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export interface UnavailableOptions {
  queryTimeoutMs: number;
  retryAfterSeconds: number;
}

/**
 * `ServiceUnavailableError` (HTTP 503 with Retry-After) for errors that mean "the database is
 * not answering right now": unreachable, connection lost, shutting down, or a query that ran
 * past the timeout. Anything else (a bad statement, a constraint) is returned unchanged. The
 * message is what a client sees, so it names no host; the original error is the `cause`.
 */
export function toUnavailable(error: unknown, options: UnavailableOptions): unknown {
  if (error instanceof ServiceUnavailableError) return error;
  const message = isTimeout(error)
    ? `The database did not answer within ${options.queryTimeoutMs} ms`
    : isUnreachable(error)
      ? 'The database is unavailable; try again shortly'
      : undefined;
  if (message === undefined) return error;
  const unavailable = new ServiceUnavailableError(message, options.retryAfterSeconds);
  unavailable.cause = error;
  return unavailable;
}

function isTimeout(error: unknown): boolean {
  // 57014: statement_timeout (or a cancel request); "Query read timeout": pg's client-side backstop.
  return sqlStateOf(error) === '57014' || (error instanceof Error && /query read timeout/i.test(error.message));
}

function isUnreachable(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state !== undefined) return state.startsWith('08') || UNAVAILABLE_SQLSTATES.has(state);
  if (error instanceof AggregateError && error.errors.some(isUnreachable)) return true;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}
