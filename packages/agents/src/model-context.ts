/**
 * What the model may learn about the user and the page: display data only, picked field by field
 * from the request context (a whitelist, so tokens, cookies or ids the app keeps in its context
 * never come along), cleaned and size-capped. Treated as untrusted: see `context-block.ts`.
 */

export interface PageContextData {
  url?: string;
  title?: string;
  path?: string;
  description?: string;
  headings?: string[];
  selection?: string;
}

export interface ModelContextData {
  user?: { name?: string; email?: string };
  page?: PageContextData;
  locale?: string;
}

export const MODEL_CONTEXT_LIMITS = {
  name: 256,
  email: 254,
  locale: 35,
  url: 2048,
  title: 1024,
  path: 2048,
  description: 2048,
  heading: 512,
  headings: 20,
  selection: 4096,
} as const;

/** Query parameters that commonly carry credentials; dropped from page URLs before the model sees them. */
const SECRET_PARAM = /^(access_?token|id_?token|refresh_?token|token|auth|authorization|code|key|api_?key|apikey|secret|client_?secret|password|passwd|pwd|session|session_?id|sid|sig|signature|jwt|x-amz-[a-z-]+)$/i;

/** Reads `user`, `page` and `locale` from any request context shaped like `@chatwire/auth`'s. */
export function modelContextFrom(context: unknown): ModelContextData {
  const source = asRecord(context);
  const out: ModelContextData = {};
  const user = asRecord(source.user);
  const name = text(user.name, MODEL_CONTEXT_LIMITS.name);
  const email = text(user.email, MODEL_CONTEXT_LIMITS.email);
  if (name !== undefined || email !== undefined) out.user = { ...(name !== undefined && { name }), ...(email !== undefined && { email }) };
  const page = pageContextFrom(source.page);
  if (page) out.page = page;
  const locale = text(source.locale, MODEL_CONTEXT_LIMITS.locale);
  if (locale !== undefined) out.locale = locale;
  return out;
}

export function pageContextFrom(value: unknown): PageContextData | undefined {
  const source = asRecord(value);
  const page: PageContextData = {};
  const url = cleanUrl(source.url);
  if (url !== undefined) page.url = url;
  const title = text(source.title, MODEL_CONTEXT_LIMITS.title);
  if (title !== undefined) page.title = title;
  const path = text(source.path, MODEL_CONTEXT_LIMITS.path);
  if (path !== undefined) page.path = path.split('?')[0]!.split('#')[0]!;
  const description = text(source.description, MODEL_CONTEXT_LIMITS.description);
  if (description !== undefined) page.description = description;
  if (Array.isArray(source.headings)) {
    const headings = source.headings
      .map((heading) => text(heading, MODEL_CONTEXT_LIMITS.heading))
      .filter((heading): heading is string => heading !== undefined)
      .slice(0, MODEL_CONTEXT_LIMITS.headings);
    if (headings.length > 0) page.headings = headings;
  }
  const selection = text(source.selection, MODEL_CONTEXT_LIMITS.selection);
  if (selection !== undefined) page.selection = selection;
  return Object.keys(page).length > 0 ? page : undefined;
}

export function isEmptyContext(data: ModelContextData): boolean {
  return data.user === undefined && data.page === undefined && data.locale === undefined;
}

/** An http(s) URL without user info, fragment or credential-looking query parameters. */
function cleanUrl(value: unknown): string | undefined {
  const raw = text(value, MODEL_CONTEXT_LIMITS.url);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
  return url.href;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters (except newline and tab) carry nothing a model needs.
  const clean = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  if (clean === '') return undefined;
  return clean.length > max ? clean.slice(0, max).replace(/[\ud800-\udbff]$/, '') : clean;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
