import { z } from 'zod';
import { jsonStringLength, sanitizeText, truncateJson, utf8Length } from './display-text.js';
import { cleanPageUrl } from './page-url.js';

/**
 * The one rule for `metadata.pageContext`, applied alike by the browser that sends it, the server
 * that accepts it and the agent that shows it to a model. Every cap is in UTF-8 bytes (what "8 KB"
 * and database storage mean), never in characters: per field, per heading, the number of
 * headings, and the whole context as compact JSON.
 */
export const PAGE_CONTEXT_LIMITS = {
  url: 2048,
  title: 1024,
  path: 2048,
  description: 2048,
  heading: 512,
  headings: 20,
  selection: 4096,
  total: 8192,
} as const;

const text = (maxBytes: number, multiline: boolean) =>
  z.string().transform((value, ctx) => {
    const clean = sanitizeText(value, { multiline, maxBytes });
    if (clean === '') {
      ctx.addIssue({ code: 'custom', message: 'empty' });
      return z.NEVER;
    }
    return clean;
  });

const pageUrl = z.string().transform((value, ctx) => {
  const url = cleanPageUrl(value, PAGE_CONTEXT_LIMITS.url);
  if (url === undefined) {
    ctx.addIssue({ code: 'custom', message: 'not an http(s) URL within the cap' });
    return z.NEVER;
  }
  return url;
});

// A path carries no query or fragment: those go with `url`, where credentials are filtered out.
const pagePath = z
  .string()
  .transform((value) => value.split(/[?#]/, 1)[0] ?? '')
  .pipe(text(PAGE_CONTEXT_LIMITS.path, false));

const heading = text(PAGE_CONTEXT_LIMITS.heading, false);

const headings = z.array(z.unknown()).transform((items, ctx) => {
  const kept: string[] = [];
  for (const item of items) {
    if (kept.length === PAGE_CONTEXT_LIMITS.headings) break;
    const parsed = heading.safeParse(item);
    if (parsed.success) kept.push(parsed.data);
  }
  if (kept.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'no headings' });
    return z.NEVER;
  }
  return kept;
});

/** Each field cleaned and capped on its own; a field that is invalid is dropped, never the whole. */
const PageContextFields = z.object({
  url: pageUrl.optional().catch(undefined),
  title: text(PAGE_CONTEXT_LIMITS.title, false).optional().catch(undefined),
  path: pagePath.optional().catch(undefined),
  description: text(PAGE_CONTEXT_LIMITS.description, true).optional().catch(undefined),
  headings: headings.optional().catch(undefined),
  selection: text(PAGE_CONTEXT_LIMITS.selection, true).optional().catch(undefined),
});
type Fields = z.infer<typeof PageContextFields>;

/**
 * What the browser says about the page the user is on: untrusted display data. Parsing cleans
 * every field (see `sanitizeText`; `title`, `path` and headings are one line, `description` and
 * `selection` keep line breaks), caps it, drops what is invalid or empty, and fits the whole
 * within `PAGE_CONTEXT_LIMITS.total` bytes of JSON. Parsing a parsed context changes nothing.
 */
export const PageContext = PageContextFields.transform((context) => fitWithin(withoutEmpty(context), PAGE_CONTEXT_LIMITS.total));
export type PageContext = z.infer<typeof PageContext>;

export interface ParsePageContextOptions {
  /** A tighter cap on the whole context as JSON; never above `PAGE_CONTEXT_LIMITS.total`. */
  maxBytes?: number;
}

/** `metadata.pageContext` → a clean `PageContext`, or `undefined` when nothing usable is left. Never throws. */
export function parsePageContext(input: unknown, { maxBytes }: ParsePageContextOptions = {}): PageContext | undefined {
  const parsed = PageContextFields.safeParse(input);
  if (!parsed.success) return undefined;
  const limit = Math.min(maxBytes ?? PAGE_CONTEXT_LIMITS.total, PAGE_CONTEXT_LIMITS.total);
  const context = fitWithin(withoutEmpty(parsed.data), limit);
  return Object.keys(context).length === 0 ? undefined : context;
}

const TRUNCATABLE = ['title', 'description', 'selection'] as const;

/**
 * Shrinks the context until its JSON is at most `limit` bytes by cutting the largest texts first:
 * every text (title, description, selection, each heading) longer than a common level is cut to
 * that level, the highest that fits, so the result is deterministic. `url` and `path` are not cut
 * (a cut address points somewhere else); their own caps leave room for them under the default
 * total, and only a tighter `limit` drops them, `path` first.
 */
function fitWithin(context: Fields, limit: number): Fields {
  const size = utf8Length(JSON.stringify(context));
  if (size <= limit) return context;

  const costs = [
    ...TRUNCATABLE.map((field) => jsonStringLength(context[field] ?? '')),
    ...(context.headings ?? []).map(jsonStringLength),
  ];
  const budget = costs.reduce((sum, cost) => sum + cost, 0) - (size - limit);
  const level = highestLevel(costs, budget);
  const cut = (value: string) => (jsonStringLength(value) > level ? truncateJson(value, level).trimEnd() : value);

  const result: Fields = { ...context };
  for (const field of TRUNCATABLE) {
    const value = context[field];
    if (value !== undefined) result[field] = cut(value);
  }
  if (context.headings) result.headings = context.headings.map(cut);
  let fitted = withoutEmpty(result);
  for (const field of ['path', 'url'] as const) {
    if (utf8Length(JSON.stringify(fitted)) <= limit) break;
    const { [field]: _dropped, ...rest } = fitted;
    fitted = rest;
  }
  return fitted;
}

/** The largest L with Σ min(cost, L) ≤ budget (0 when even that does not fit). */
function highestLevel(costs: readonly number[], budget: number): number {
  let low = 0;
  let high = Math.max(0, ...costs);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const total = costs.reduce((sum, cost) => sum + Math.min(cost, mid), 0);
    if (total <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Only the fields with content, always in the same order. */
function withoutEmpty(context: Fields): Fields {
  const out: Fields = {};
  if (context.url) out.url = context.url;
  if (context.title) out.title = context.title;
  if (context.path) out.path = context.path;
  if (context.description) out.description = context.description;
  const headings = context.headings?.filter((heading) => heading !== '');
  if (headings && headings.length > 0) out.headings = headings;
  if (context.selection) out.selection = context.selection;
  return out;
}
