import { safeImageUrl } from '../markdown/safe-url.js';

/** Inline picture data sends no request, so it leaks nothing; raster types only (no SVG scripts). */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

/** The address a widget image may load from: inline data, or `https` from the thread's allowed image domains. */
export function widgetImageUrl(src: unknown, domains: readonly string[] | undefined): string | undefined {
  if (typeof src !== 'string') return undefined;
  if (DATA_IMAGE.test(src)) return src;
  return safeImageUrl(src, domains);
}
