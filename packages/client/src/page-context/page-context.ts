import { PAGE_CONTEXT_LIMITS, parsePageContext, sanitizeText, type PageContext } from '@chatwire/protocol';

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
  /** How many headings to take (default 8, at most `PAGE_CONTEXT_LIMITS.headings`). */
  maxHeadings?: number;
  /** Where the headings come from: the first match, else `body` (default `article, main`). */
  contentSelector?: string;
  /** Keep the query string in `url` (default false: queries and fragments often carry tokens). */
  includeQuery?: boolean;
  /** Send the text the user has selected (default true). */
  includeSelection?: boolean;
  /** The cap on the whole context as JSON, in UTF-8 bytes (default and at most `PAGE_CONTEXT_LIMITS.total`, 8192). */
  maxBytes?: number;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/**
 * A small, bounded description of the current page for the model: address, title, meta
 * description, the first headings of the main content and the user's selection. What the DOM
 * says goes through the protocol's page-context rule (`parsePageContext`, the one the server
 * applies again), so every field is cleaned and capped in UTF-8 bytes and the whole fits in
 * `maxBytes` as JSON. Without a DOM it returns `{}`.
 */
export function getPageContext(options: PageContextOptions = {}): PageContext {
  const doc = options.document ?? globalDocument();
  if (!doc) return {};
  const raw: Record<string, unknown> = {};
  const location = parseLocation(doc.location?.href);
  if (location) {
    raw.url = location.origin + location.pathname + (options.includeQuery ? location.search : '');
    raw.path = decodePath(location.pathname);
  }
  raw.title = doc.title ?? '';
  const meta = doc.querySelector('meta[name="description"]') ?? doc.querySelector('meta[property="og:description"]');
  raw.description = meta?.getAttribute('content') ?? '';
  raw.headings = readHeadings(doc, options.contentSelector ?? 'article, main', options.maxHeadings ?? 8);
  if (options.includeSelection !== false) {
    const selection = options.window?.getSelection?.() ?? doc.getSelection?.() ?? null;
    raw.selection = selection?.toString() ?? '';
  }
  return parsePageContext(raw, { maxBytes: options.maxBytes ?? PAGE_CONTEXT_LIMITS.total }) ?? {};
}

/** The raw text of the first `max` headings that are not blank; the page-context rule cleans and caps them. */
function readHeadings(doc: PageDocument, contentSelector: string, max: number): string[] {
  const root = doc.querySelector(contentSelector) ?? doc.body;
  const limit = Math.min(max, PAGE_CONTEXT_LIMITS.headings);
  if (!root || limit <= 0) return [];
  const found = root.querySelectorAll(HEADINGS);
  const headings: string[] = [];
  for (let index = 0; index < found.length && headings.length < limit; index++) {
    const text = found[index]?.textContent ?? '';
    if (sanitizeText(text) !== '') headings.push(text);
  }
  return headings;
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
