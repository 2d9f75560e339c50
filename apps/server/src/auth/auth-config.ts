import { AuthConfigError, parseAlgorithmList, parseOriginList, validateJwksUrl, type AsymmetricAlgorithm } from '@chatwire/auth';

/**
 * Parsers for the auth variables, in the shape `config.ts` reads every variable with: they throw
 * a plain `Error` saying what is wrong, and `read()` names the variable. The checks themselves
 * are `@chatwire/auth`'s, so the app and the library can never disagree about a value.
 */

export interface IdentityProviderConfig {
  /** `AUTH_JWKS_URL`: https, or http on a loopback host. */
  jwksUrl: string;
  /** `AUTH_ISSUER`: the required `iss`. */
  issuer: string;
  /** `AUTH_AUDIENCE`: the required `aud`. */
  audience: string;
  /** `AUTH_ALGORITHMS`: accepted JWS algorithms, asymmetric only. */
  algorithms: AsymmetricAlgorithm[];
}

export interface AuthConfig {
  /**
   * Set when `AUTH_JWKS_URL` is: production auth against that identity provider, and no
   * development login. Unset: the app's own development identity provider signs users in.
   */
  provider?: IdentityProviderConfig;
  /** `CHATWIRE_ALLOWED_ORIGINS`: origins besides the app's own that may use the session cookie and CORS. */
  allowedOrigins: string[];
}

/** `AuthConfigError` says `option: problem`; `read()` adds the variable name itself. */
function problemOnly<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AuthConfigError) throw new Error(error.message.slice(error.option.length + 2));
    throw error;
  }
}

export function parseJwksUrl(raw: string): string {
  return problemOnly(() => validateJwksUrl(raw, 'AUTH_JWKS_URL').href);
}

export function parseAlgorithms(raw: string): AsymmetricAlgorithm[] {
  return problemOnly(() => parseAlgorithmList(raw, 'AUTH_ALGORITHMS'));
}

export function parseAllowedOrigins(raw: string): string[] {
  return problemOnly(() => [...new Set(parseOriginList(raw, 'CHATWIRE_ALLOWED_ORIGINS'))]);
}

/** An issuer or audience: any single-line text (they are often, but need not be, URLs). */
export function parseClaimValue(raw: string): string {
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new Error('must be a single line of printable text');
  return raw;
}
