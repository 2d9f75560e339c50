import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving a request carries. */
export interface RequestScope {
  readonly requestId: string;
  /** Set once the caller is known. */
  userId?: string;
}

/**
 * The request being served, for log lines written anywhere below it (the libraries' included),
 * through every await and every chunk of a streamed reply.
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/** A proxy's or client's id is kept when it is sane: short, and of characters safe in any log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The incoming `X-Request-Id` if sane, else a new random one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header !== null && header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
