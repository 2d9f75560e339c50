import { byteLength, cleanText, truncateBytes } from './bounded-text.js';

/** What the page the chat sits on says about itself: sent as `metadata.pageContext`. */
export interface PageContext {
  url?: string;
  title?: string;
  path?: string;
  description?: string;
  headings?: string[];
  selection?: string;
}

/** The parts of a DOM element `getPageContext` reads; a real `Element` fits. */
export interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): ArrayLike<PageElement>;
}

/** The parts of `document` it reads; the real `document` fits. */
export interface PageDocument {
  title: string;
  body: PageElement | null;
  location: { href: string } | null;
  querySelector(selectors: string): PageElement | null;
  getSelection?(): { toString(): string } | null;
}

export interface PageWindow {
  getSelection?(): { toString(): string } | null;
}

export interface PageContextOptions {
  /** Defaults to the global `document`; pass one to read another document (or in tests). */
  document?: PageDocument;
  window?: PageWindow;
  /** How many headings to take (default 8). */
  maxHeadings?: number;
  /** Where the headings come from: the first match, else `body` (default `article, main`). */
  contentSelector?: string;
  /** Keep the query string in `url` (default false: queries and fragments often carry tokens). */
  includeQuery?: boolean;
  /** Send the text the user has selected (default true). */
  includeSelection?: boolean;
  /** The cap on the whole context as JSON, in bytes (default 8192). */
  maxBytes?: number;
}

/** Per-field caps in UTF-8 bytes; the server applies the same ones. */
export const PAGE_CONTEXT_LIMITS = {
  url: 2048,
  title: 1024,
  path: 2048,
  description: 2048,
  heading: 300,
  selection: 4096,
  total: 8192,
} as const;

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/**
 * A small, bounded description of the current page for the model: address, title, meta
 * description, the first headings of the main content and the user's selection. Every field is
 * cleaned of control characters and capped, and the whole fits in `maxBytes` as JSON. Without a
 * DOM it returns `{}`.
 */
export function getPageContext(options: PageContextOptions = {}): PageContext {
  const doc = options.document ?? globalDocument();
  if (!doc) return {};
  const context: PageContext = {};
  const location = parseLocation(doc.location?.href);
  if (location) {
    const url = location.origin + location.pathname + (options.includeQuery ? location.search : '');
    set(context, 'url', truncateUrl(url));
    set(context, 'path', cleanText(decodePath(location.pathname), PAGE_CONTEXT_LIMITS.path));
  }
  set(context, 'title', cleanText(doc.title ?? '', PAGE_CONTEXT_LIMITS.title));
  const meta = doc.querySelector('meta[name="description"]') ?? doc.querySelector('meta[property="og:description"]');
  set(context, 'description', cleanText(meta?.getAttribute('content') ?? '', PAGE_CONTEXT_LIMITS.description, true));
  const headings = readHeadings(doc, options.contentSelector ?? 'article, main', options.maxHeadings ?? 8);
  if (headings.length > 0) context.headings = headings;
  if (options.includeSelection !== false) {
    const selection = options.window?.getSelection?.() ?? doc.getSelection?.() ?? null;
    set(context, 'selection', cleanText(selection?.toString() ?? '', PAGE_CONTEXT_LIMITS.selection, true));
  }
  return fit(context, options.maxBytes ?? PAGE_CONTEXT_LIMITS.total);
}

function readHeadings(doc: PageDocument, contentSelector: string, max: number): string[] {
  const root = doc.querySelector(contentSelector) ?? doc.body;
  if (!root || max <= 0) return [];
  const found = root.querySelectorAll(HEADINGS);
  const headings: string[] = [];
  for (let index = 0; index < found.length && headings.length < max; index++) {
    const text = cleanText(found[index]?.textContent ?? '', PAGE_CONTEXT_LIMITS.heading);
    if (text) headings.push(text);
  }
  return headings;
}

/** Shrinks the largest parts first (selection, description, headings from the end, title) until the JSON fits. */
function fit(context: PageContext, maxBytes: number): PageContext {
  const size = () => byteLength(JSON.stringify(context));
  for (const field of ['selection', 'description'] as const) {
    while (context[field] !== undefined && size() > maxBytes) {
      const value = context[field] ?? '';
      const shorter = truncateBytes(value, Math.floor(byteLength(value) / 2)).trim();
      if (shorter) context[field] = shorter;
      else delete context[field];
    }
  }
  while (context.headings && size() > maxBytes) {
    context.headings.pop();
    if (context.headings.length === 0) delete context.headings;
  }
  for (const field of ['title', 'path', 'url'] as const) {
    if (context[field] !== undefined && size() > maxBytes) delete context[field];
  }
  return context;
}

function set(context: PageContext, field: 'url' | 'title' | 'path' | 'description' | 'selection', value: string): void {
  if (value) context[field] = value;
}

function parseLocation(href: string | undefined): URL | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A cut URL points somewhere else, so one that is too long is left out instead. */
function truncateUrl(url: string): string {
  return byteLength(url) <= PAGE_CONTEXT_LIMITS.url ? url : '';
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function globalDocument(): PageDocument | undefined {
  const candidate = (globalThis as { document?: PageDocument }).document;
  return candidate && typeof candidate.querySelector === 'function' ? candidate : undefined;
}
