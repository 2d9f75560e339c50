import { ChatKitReq, EXTENSION_REQUEST_TYPES, NON_STREAMING_REQUEST_TYPES, STREAMING_REQUEST_TYPES } from '@chatwire/protocol';
import type { z } from 'zod';
import { BadRequestError } from './errors.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  ...STREAMING_REQUEST_TYPES,
  ...NON_STREAMING_REQUEST_TYPES,
  ...EXTENSION_REQUEST_TYPES,
]);

/**
 * Parses a request body into a `ChatKitReq`, or throws a `BadRequestError` whose message names
 * the offending field. `__proto__` keys are dropped while parsing, so no input can reach an
 * object's prototype. Text that cannot be stored (U+0000, a lone surrogate) anywhere in `params`
 * is refused here too: the protocol's request schemas hold that rule.
 */
export function parseRequest(body: string): ChatKitReq {
  let raw: unknown;
  try {
    raw = JSON.parse(body, dropPrototypeKeys);
  } catch (error) {
    // The reviver recurses, so valid JSON nested thousands deep overflows the stack: say so.
    const problem = error instanceof RangeError ? 'is nested too deeply' : 'is not valid JSON';
    throw new BadRequestError(`Request body ${problem}`, undefined, 'invalid_json');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BadRequestError('Request body must be a JSON object', undefined);
  }
  const type = 'type' in raw ? raw.type : undefined;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 80)) : 'missing';
    throw new BadRequestError(`type: unknown request type (${shown})`, 'type', 'unknown_request_type');
  }
  const parsed = ChatKitReq.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') : '';
    throw new BadRequestError(`${field || 'body'}: ${describeIssue(issue)}`, field || undefined);
  }
  return parsed.data;
}

function dropPrototypeKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid value';
  const message = issue.message.replace(/^Invalid input: /, '');
  return message.endsWith('received undefined') ? `required (${message.replace(/, received undefined$/, '')})` : message;
}
