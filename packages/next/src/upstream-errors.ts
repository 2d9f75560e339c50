import { ErrorResponse } from '@chatwire/protocol';
import { errorResponse, jsonResponse, readBody } from '@chatwire/server';
import { browserResponseHeaders } from './forwarded-headers.js';

/** An error body is a sentence or two; a bigger one is not the contract's. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * An upstream error as the browser gets it: the contract's `{"error":{"code","message"}}` passes
 * through with its status and its `Retry-After` / `WWW-Authenticate`; anything else (a gateway's
 * HTML page, a stack trace, an empty body) becomes a 502 `upstream_error` that names only the
 * status, so nothing the upstream leaked on its error path reaches the page.
 */
export async function relayUpstreamError(upstream: Response): Promise<Response> {
  const headers = browserResponseHeaders(upstream, { sameBytes: false });
  const retry = pick(headers, ['retry-after', 'www-authenticate']);
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readBody(upstream, MAX_ERROR_BODY_BYTES));
  } catch {
    // Too big, not UTF-8, or cut off: not the contract's error body either way.
  }
  const parsed = text === undefined ? undefined : ErrorResponse.safeParse(parseJson(text));
  if (parsed?.success) {
    const { code, message } = parsed.data.error;
    return jsonResponse(JSON.stringify({ error: { code, message } }), upstream.status, retry);
  }
  return errorResponse(502, 'upstream_error', `The chat service failed (HTTP ${upstream.status})`, retry);
}

function pick(headers: Headers, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
