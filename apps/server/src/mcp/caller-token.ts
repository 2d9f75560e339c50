import { readSessionCookie } from '@chatwire/auth';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * The caller's own token per request context, for MCP servers configured with `auth: "user-token"`.
 * Kept beside the context, never in it: nothing that copies, logs or serializes a context can reach it.
 */
const TOKENS = new WeakMap<object, string>();

/** Remembers the token `request` was authenticated with (Bearer first, else the session cookie). */
export function rememberCallerToken(context: object, request: Request): void {
  const header = request.headers.get('authorization');
  const token = header === null ? readSessionCookie(request) : BEARER.exec(header)?.[1];
  if (token !== undefined) TOKENS.set(context, token);
}

export function callerToken(context: object): string | undefined {
  return TOKENS.get(context);
}
