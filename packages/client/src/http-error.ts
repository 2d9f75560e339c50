import { ErrorResponse } from '@chatwire/protocol';
import { ChatKitHttpError } from './errors.js';

const MAX_SHOWN = 200;

/**
 * Turns a non-2xx answer into a `ChatKitHttpError`: the contract's `{"error":{"code","message"}}`
 * when the body is that, else a code made from the status and the start of the body, so errors
 * from proxies and gateways still say something useful.
 */
export async function toHttpError(response: Response): Promise<ChatKitHttpError> {
  const text = await response.text().catch(() => '');
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const parsed = ErrorResponse.safeParse(safeJson(text));
  if (parsed.success) {
    return new ChatKitHttpError(response.status, parsed.data.error.code, parsed.data.error.message, retryAfter);
  }
  const shown = text.trim().slice(0, MAX_SHOWN);
  const message = shown || response.statusText || `HTTP ${response.status}`;
  return new ChatKitHttpError(response.status, `http_${response.status}`, message, retryAfter);
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
