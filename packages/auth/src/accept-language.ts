const MAX_HEADER = 1024;
const MAX_ENTRIES = 32;
/** BCP 47 shape: a 2–8 letter language, then alphanumeric subtags of 1–8. */
const TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The caller's preferred locale from `Accept-Language`: the valid BCP 47 tag with the highest
 * weight (earliest on ties), in canonical case (`en-us` → `en-US`). `*`, malformed tags, and
 * tags weighted `q=0` are skipped; `undefined` when none is left.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): string | undefined {
  if (!header || header.length > MAX_HEADER) return undefined;
  let best: { tag: string; weight: number } | undefined;
  for (const entry of header.split(',').slice(0, MAX_ENTRIES)) {
    const [rawTag = '', ...params] = entry.split(';').map((part) => part.trim());
    const weight = quality(params);
    if (weight === undefined || weight === 0 || !TAG.test(rawTag)) continue;
    const tag = canonical(rawTag);
    if (tag !== undefined && (best === undefined || weight > best.weight)) best = { tag, weight };
  }
  return best?.tag;
}

function quality(params: readonly string[]): number | undefined {
  const q = params.find((param) => /^q=/i.test(param));
  if (q === undefined) return 1;
  return QUALITY.test(q) ? Number(q.slice(2)) : undefined;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
