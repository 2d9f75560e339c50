import { z } from 'zod';
import { jsonCharLength, jsonStringLength, sanitizeText, truncateTo, utf8Length } from './sanitize-text.js';

/** Per-field caps in UTF-8 bytes, the number of headings kept, and the cap on the whole context as JSON. */
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
    const clean = truncateTo(sanitizeText(value, { multiline }), maxBytes).trim();
    if (clean === '') {
      ctx.addIssue({ code: 'custom', message: 'empty' });
      return z.NEVER;
    }
    return clean;
  });

const pageUrl = z.string().transform((value, ctx) => {
  const clean = sanitizeText(value, { multiline: false });
  let url: URL | undefined;
  try {
    url = new URL(clean);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue({ code: 'custom', message: 'not an http(s) URL' });
    return z.NEVER;
  }
  // Credentials in a page URL are nobody's business downstream.
  url.username = '';
  url.password = '';
  if (utf8Length(url.href) > PAGE_CONTEXT_LIMITS.url) {
    ctx.addIssue({ code: 'custom', message: 'too long' });
    return z.NEVER;
  }
  return url.href;
});

const headings = z.array(z.unknown()).transform((items, ctx) => {
  const heading = text(PAGE_CONTEXT_LIMITS.heading, false);
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

/**
 * What the browser says about the page the user is on: untrusted display data. Each field is
 * cleaned and capped on its own; a field that is invalid is dropped, never the request.
 */
export const PageContext = z.object({
  url: pageUrl.optional().catch(undefined),
  title: text(PAGE_CONTEXT_LIMITS.title, false).optional().catch(undefined),
  path: text(PAGE_CONTEXT_LIMITS.path, false).optional().catch(undefined),
  description: text(PAGE_CONTEXT_LIMITS.description, true).optional().catch(undefined),
  headings: headings.optional().catch(undefined),
  selection: text(PAGE_CONTEXT_LIMITS.selection, true).optional().catch(undefined),
});
export type PageContext = z.infer<typeof PageContext>;

/**
 * `metadata.pageContext` → a clean `PageContext` at most `PAGE_CONTEXT_LIMITS.total` bytes as
 * JSON, or `undefined` when nothing usable is left. Never throws.
 */
export function parsePageContext(input: unknown): PageContext | undefined {
  const parsed = PageContext.safeParse(input);
  if (!parsed.success) return undefined;
  const context = fitWithin(withoutEmpty(parsed.data), PAGE_CONTEXT_LIMITS.total);
  return Object.keys(context).length === 0 ? undefined : context;
}

type TextField = 'title' | 'description' | 'selection';
const TRUNCATABLE: readonly TextField[] = ['title', 'description', 'selection'];

/**
 * Shrinks the context until its JSON is at most `limit` bytes by cutting the largest texts
 * first: every text (title, description, selection, each heading) longer than a common level is
 * cut to that level, the highest level that fits. `url` and `path` are never cut (a cut URL
 * points somewhere else); their own caps leave room for them.
 */
function fitWithin(context: PageContext, limit: number): PageContext {
  const size = utf8Length(JSON.stringify(context));
  if (size <= limit) return context;

  const costs = [
    ...TRUNCATABLE.map((field) => (context[field] === undefined ? 0 : jsonStringLength(context[field]))),
    ...(context.headings ?? []).map(jsonStringLength),
  ];
  const contentCost = costs.reduce((sum, cost) => sum + cost, 0);
  const budget = contentCost - (size - limit);
  const level = highestLevel(costs, budget);
  const cut = (value: string) => (jsonStringLength(value) > level ? truncateTo(value, level, jsonCharLength) : value);

  const result: PageContext = { ...context };
  for (const field of TRUNCATABLE) {
    const value = context[field];
    if (value !== undefined) result[field] = cut(value);
  }
  if (context.headings) result.headings = context.headings.map(cut);
  return withoutEmpty(result);
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

function withoutEmpty(context: PageContext): PageContext {
  const out: PageContext = {};
  if (context.url) out.url = context.url;
  if (context.title) out.title = context.title;
  if (context.path) out.path = context.path;
  if (context.description) out.description = context.description;
  const headings = context.headings?.filter((heading) => heading !== '');
  if (headings && headings.length > 0) out.headings = headings;
  if (context.selection) out.selection = context.selection;
  return out;
}
