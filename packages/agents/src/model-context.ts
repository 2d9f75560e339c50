import { PAGE_CONTEXT_LIMITS, parsePageContext, sanitizeText, type PageContext } from '@chatwire/protocol';

/**
 * What the model may learn about the user and the page: display data only, picked field by field
 * from the request context (a whitelist, so tokens, cookies or ids the app keeps in its context
 * never come along), cleaned and size-capped. Treated as untrusted: see `context-block.ts`.
 */

/** The page as the model sees it: the protocol's `PageContext`, under the same rule. */
export type PageContextData = PageContext;

export interface ModelContextData {
  user?: { name?: string; email?: string };
  page?: PageContextData;
  locale?: string;
}

/** Caps in UTF-8 bytes: the user's display fields and the locale, plus the page-context rule's own. */
export const MODEL_CONTEXT_LIMITS = {
  name: 256,
  email: 254,
  locale: 35,
  ...PAGE_CONTEXT_LIMITS,
} as const;

/** Reads `user`, `page` and `locale` from any request context shaped like `@chatwire/auth`'s. */
export function modelContextFrom(context: unknown): ModelContextData {
  const source = asRecord(context);
  const out: ModelContextData = {};
  const user = asRecord(source.user);
  const name = text(user.name, MODEL_CONTEXT_LIMITS.name);
  const email = text(user.email, MODEL_CONTEXT_LIMITS.email);
  if (name !== undefined || email !== undefined)
    out.user = { ...(name !== undefined && { name }), ...(email !== undefined && { email }) };
  const page = pageContextFrom(source.page);
  if (page) out.page = page;
  const locale = text(source.locale, MODEL_CONTEXT_LIMITS.locale);
  if (locale !== undefined) out.locale = locale;
  return out;
}

/**
 * The page context under the protocol's rule (`parsePageContext`): the one the browser and the
 * server applied, applied again because a responder's context may come from anywhere.
 */
export function pageContextFrom(value: unknown): PageContextData | undefined {
  return parsePageContext(value);
}

export function isEmptyContext(data: ModelContextData): boolean {
  return data.user === undefined && data.page === undefined && data.locale === undefined;
}

function text(value: unknown, maxBytes: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = sanitizeText(value, { maxBytes });
  return clean === '' ? undefined : clean;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
