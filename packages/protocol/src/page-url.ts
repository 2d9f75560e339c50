import { utf8Length } from './display-text.js';

/** Query parameters that commonly carry credentials. */
const SECRET_PARAM =
  /^(access_?token|id_?token|refresh_?token|token|auth|authorization|code|key|api_?key|apikey|secret|client_?secret|password|passwd|pwd|session|session_?id|sid|sig|signature|jwt|x-amz-[a-z-]+)$/i;

/**
 * A page address fit to pass on: an http(s) URL without user info, without fragment (OAuth puts
 * tokens there) and without credential-looking query parameters, at most `maxBytes` of UTF-8.
 * Anything else is `undefined`: a cut URL points somewhere else, so a long one is left out.
 */
export function cleanPageUrl(value: string, maxBytes: number): string | undefined {
  let url: URL;
  try {
    // The URL parser itself drops tabs, newlines and the ends' control characters, and its
    // `href` is ASCII: everything else is percent-encoded or punycode.
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  // Only touched when something must go: rewriting the query would re-encode the rest of it.
  const secrets = [...url.searchParams.keys()].filter((name) => SECRET_PARAM.test(name));
  for (const name of secrets) url.searchParams.delete(name);
  return utf8Length(url.href) <= maxBytes ? url.href : undefined;
}
