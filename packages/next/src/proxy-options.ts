import { normalizeOrigin } from '@chatwire/auth/web';
import { stderrLogger, type Logger } from '@chatwire/server';

/** The chat's requests carry a message, page context and at most a short recording: 8 MiB, as the server's own cap. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The app's 20 MiB attachment cap, plus room for the multipart boundaries around the file. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024 + 64 * 1024;
/** How long the upstream may take to answer with its headers (a stream's body may run longer). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;

export type TokenSource = (request: Request) => string | null | undefined | Promise<string | null | undefined>;

export interface ChatKitProxyOptions {
  /**
   * The ChatKit endpoint the proxy forwards to, e.g. `http://127.0.0.1:8787/chatkit`. A bare
   * origin (`http://127.0.0.1:8787`) means the Chatwire app's endpoint, `<origin>/chatkit`.
   * Attachments go to `<endpoint>/attachments/{id}`, as the app serves them.
   */
  upstream: string | URL;
  /** The httpOnly cookie that holds the user's token (read with `@chatwire/auth`'s cookie parser). Required unless `getToken` is given. */
  cookieName?: string;
  /**
   * Where the token comes from instead of the cookie's value: a session lookup, a token exchange.
   * Return `undefined` or `null` when the caller is not signed in (answered 401).
   */
  getToken?: TokenSource;
  /**
   * Origins, besides the site's own (as `@chatwire/auth`'s `requestOrigin` reads it), whose pages
   * may call the proxy. Every request that carries an `Origin` must carry one of these.
   */
  allowedOrigins?: readonly string[];
  /** Largest chat request body forwarded (413 above it). Default 8 MiB. */
  maxBodyBytes?: number;
  /** Largest attachment upload body forwarded, multipart framing included (413 above it). Default 20 MiB + 64 KiB. */
  maxUploadBytes?: number;
  /**
   * Where the attachment routes are mounted on this site, e.g. `/chatkit/attachments`. Upload and
   * preview URLs the upstream names on its own origin are rewritten to point there. Default: the
   * chat route's own path plus `/attachments`; `false` leaves them as the upstream sent them.
   */
  attachmentsPath?: string | false;
  /** Read the site's own origin from `X-Forwarded-Host`/`-Proto` (only behind a proxy that sets them). */
  trustProxy?: boolean;
  /** How long to wait for the upstream's response headers before answering 504. Default 60 s. */
  headersTimeoutMs?: number;
  /** Where upstream failures are logged (never with a token). Default: JSON lines on stderr. */
  logger?: Logger;
  /** The `fetch` that reaches the upstream. Default: the global one. */
  fetch?: typeof fetch;
}

/** A mistake in the proxy's options, naming the option: thrown when the proxy is created, never per request. */
export class ProxyConfigError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'ProxyConfigError';
  }
}

export interface ProxySettings {
  endpoint: URL;
  getToken: TokenSource;
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  maxUploadBytes: number;
  attachmentsPath: string | false | undefined;
  trustProxy: boolean;
  headersTimeoutMs: number;
  logger: Logger;
  fetch: typeof fetch;
}

/** Cookie names as RFC 6265 allows them (a token: no separators, no spaces). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function resolveProxyOptions(options: ChatKitProxyOptions, readCookie: (name: string) => TokenSource): ProxySettings {
  const endpoint = parseEndpoint(options.upstream);
  return {
    endpoint,
    getToken: options.getToken ?? readCookie(cookieName(options.cookieName)),
    allowedOrigins: (options.allowedOrigins ?? []).map((origin) => normalizeAllowed(origin)),
    maxBodyBytes: positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    maxUploadBytes: positive(options.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES, 'maxUploadBytes'),
    attachmentsPath: attachmentsPath(options.attachmentsPath),
    trustProxy: options.trustProxy ?? false,
    headersTimeoutMs: positive(options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS, 'headersTimeoutMs'),
    logger: options.logger ?? stderrLogger,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
}

function parseEndpoint(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyConfigError('upstream', `not a URL: ${String(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProxyConfigError('upstream', `must be http or https: ${url.href}`);
  if (url.username !== '' || url.password !== '') throw new ProxyConfigError('upstream', 'must not carry credentials');
  if (url.search !== '' || url.hash !== '') throw new ProxyConfigError('upstream', `must have no query or fragment: ${url.href}`);
  if (url.pathname === '/') url.pathname = '/chatkit';
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

function cookieName(value: string | undefined): string {
  if (value === undefined) throw new ProxyConfigError('cookieName', 'set cookieName (the session cookie) or getToken');
  if (!COOKIE_NAME.test(value)) throw new ProxyConfigError('cookieName', `not a cookie name: ${JSON.stringify(value)}`);
  return value;
}

function normalizeAllowed(origin: string): string {
  try {
    return normalizeOrigin(origin, 'allowedOrigins');
  } catch {
    throw new ProxyConfigError('allowedOrigins', `not an http(s) origin: ${JSON.stringify(origin)}`);
  }
}

function positive(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new ProxyConfigError(option, `must be a positive integer, not ${value}`);
  return value;
}

function attachmentsPath(value: string | false | undefined): string | false | undefined {
  if (value === undefined || value === false) return value;
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(value)) {
    throw new ProxyConfigError('attachmentsPath', `must be a path starting with "/": ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}
