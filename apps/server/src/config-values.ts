/**
 * Parsers for `config.ts`'s entries, one per kind of value. Each takes the raw (trimmed, non-empty)
 * value and returns the setting, or throws a plain `Error` saying what is wrong in words an
 * operator can act on; `read()` in `config.ts` puts the variable's name in front.
 */

/** A whole number in `[min, max]`; `example` shows up in the message. */
export function wholeNumber(options: { min?: number; max: number; unit?: string; example?: string }) {
  const min = options.min ?? 0;
  const what = options.unit ? `a whole number of ${options.unit}` : 'a whole number';
  return (raw: string): number => {
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > options.max) {
      const range = `from ${min} to ${options.max}`;
      const example = options.example ? ` such as ${options.example}` : '';
      throw new Error(`expected ${what} ${range}${example}, got ${JSON.stringify(raw.slice(0, 40))}`);
    }
    return value;
  };
}

/** One of `choices`, as written. */
export function oneOf<const T extends string>(choices: readonly T[]) {
  return (raw: string): T => {
    const found = choices.find((choice) => choice === raw);
    if (found === undefined) {
      throw new Error(`must be one of ${choices.map((c) => `"${c}"`).join(', ')}, not ${JSON.stringify(raw.slice(0, 40))}`);
    }
    return found;
  };
}

/**
 * An `http(s)` URL with nothing after its path, returned without a trailing slash. The value is
 * not repeated in errors: a URL may carry credentials.
 */
export function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('is not a URL; give it with its scheme, such as https://chat.example.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`must be an http or https URL, not ${url.protocol}`);
  if (url.search !== '' || url.hash !== '') throw new Error('must not have a query or a fragment');
  if (url.username !== '' || url.password !== '') throw new Error('must not carry a user name or password');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A secret token: long enough not to be guessed, one line, never repeated in errors. */
export function secret(minLength: number) {
  return (raw: string): string => {
    if (/[\s\u0000-\u001f\u007f]/.test(raw)) throw new Error('must be one word of printable characters');
    if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters long (try: openssl rand -hex 32)`);
    return raw;
  };
}

/** A `redis://` or `rediss://` URL. Not repeated in errors: it may carry a password. */
export function redisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('is not a URL; give it as redis://host:6379 or rediss://host:6380');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`must be a redis:// or rediss:// URL, not ${url.protocol}`);
  if (url.hostname === '') throw new Error('must name a host, as in redis://127.0.0.1:6379');
  return raw;
}
