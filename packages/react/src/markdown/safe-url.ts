const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The address a link may point to, or `undefined`. Only absolute `http`, `https` and `mailto`
 * addresses pass: `javascript:`, `data:`, `vbscript:`, relative paths and anything the URL parser
 * rejects do not. Parsing (rather than matching a prefix) sees through the tricks that hide a
 * scheme: mixed case, tabs and newlines inside it, leading whitespace and control characters.
 */
export function safeLinkUrl(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/**
 * The address of an image that may load, or `undefined`. Loading an image sends a request the
 * reader never chose, so a reply (or text injected into one) could leak data through its URL:
 * only `https` images from the thread's `allowed_image_domains` load; others show as links.
 */
export function safeImageUrl(href: string | null | undefined, allowedDomains: readonly string[] | undefined): string | undefined {
  const safe = safeLinkUrl(href);
  if (!safe || !allowedDomains?.length) return undefined;
  const url = new URL(safe);
  if (url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  return allowedDomains.some((domain) => {
    const allowed = domain.toLowerCase().replace(/^\*\./, '');
    return host === allowed || host.endsWith(`.${allowed}`);
  })
    ? safe
    : undefined;
}
