import { AuthConfigError } from './errors.js';

/** Asymmetric JWS algorithms this package will verify. Symmetric ones (HS*) and `none` never are. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

export const DEFAULT_ALGORITHMS: readonly AsymmetricAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

const asymmetric: ReadonlySet<string> = new Set(ASYMMETRIC_ALGORITHMS);

/**
 * Checks a configured algorithm list. A shared-secret algorithm would let anyone holding the
 * public key forge tokens, so it is a configuration error, not something quietly ignored.
 */
export function validateAlgorithms(algorithms: readonly string[], option = 'algorithms'): AsymmetricAlgorithm[] {
  if (algorithms.length === 0) throw new AuthConfigError(option, 'at least one algorithm is required');
  for (const alg of algorithms) {
    if (/^HS\d+$/i.test(alg) || alg.toLowerCase() === 'none') {
      throw new AuthConfigError(option, `${alg} is not allowed: only asymmetric algorithms are accepted`);
    }
    if (!asymmetric.has(alg)) {
      throw new AuthConfigError(option, `unknown algorithm ${alg}; use one of ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
    }
  }
  return [...new Set(algorithms)] as AsymmetricAlgorithm[];
}

/** `AUTH_ALGORITHMS`-style comma-separated list → validated algorithms. */
export function parseAlgorithmList(list: string, option = 'algorithms'): AsymmetricAlgorithm[] {
  return validateAlgorithms(
    list
      .split(',')
      .map((alg) => alg.trim())
      .filter((alg) => alg !== ''),
    option,
  );
}

/** True for `localhost`, `127.0.0.0/8` and `::1`: the hosts that may serve keys over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A JWKS URL must be https, except on loopback hosts (a local identity provider during development). */
export function validateJwksUrl(value: string | URL, option = 'jwksUrl'): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(option, `not a valid URL: ${String(value)}`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'http:') {
    throw new AuthConfigError(
      option,
      `must use https (plain http is allowed only for localhost, 127.0.0.0/8 and ::1): ${url.href}`,
    );
  }
  throw new AuthConfigError(option, `must be an https URL: ${url.href}`);
}

/** `https://app.example.com/` → `https://app.example.com`; anything that is not an http(s) origin is an error. */
export function normalizeOrigin(value: string, option = 'origin'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(option, `not a valid origin: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AuthConfigError(option, `must be an http or https origin: ${value}`);
  }
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new AuthConfigError(option, `must be a bare origin such as https://app.example.com, not ${value}`);
  }
  return url.origin;
}

/** `CHATWIRE_ALLOWED_ORIGINS`-style comma-separated list → normalized origins. */
export function parseOriginList(list: string, option = 'allowedOrigins'): string[] {
  return list
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => normalizeOrigin(origin, option));
}

export function requireNonEmpty(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AuthConfigError(option, 'is required');
  return value;
}
