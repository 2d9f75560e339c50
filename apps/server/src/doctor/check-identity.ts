import { z } from 'zod';
import type { AppConfig } from '../config.js';
import { describeNetworkError, fail, fetchWithTimeout, ok, safeUrl, warn, type CheckResult } from './check-result.js';

const NAME = 'identity';

/** `AUTH_JWKS_URL`: fetched and read as the key set tokens are verified against. Unset: the development sign-in. */
export async function checkIdentity(config: AppConfig): Promise<CheckResult> {
  const provider = config.auth.provider;
  if (!provider) {
    const loopback = /^(127\.|localhost$|::1$)/.test(config.host);
    return loopback
      ? ok(NAME, 'development sign-in (AUTH_JWKS_URL unset): anyone who reaches the app may sign in as anyone.')
      : warn(
          NAME,
          `development sign-in while listening on ${config.host}: anyone on the network may sign in as anyone.`,
          'set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE for your identity provider, or listen on 127.0.0.1.',
        );
  }
  const shown = safeUrl(provider.jwksUrl);
  const hint = "use your identity provider's JWKS URL (often <issuer>/.well-known/jwks.json) in AUTH_JWKS_URL";
  let response: Response;
  try {
    response = await fetchWithTimeout(provider.jwksUrl, { headers: { Accept: 'application/json' } });
  } catch (error) {
    return fail(
      NAME,
      `AUTH_JWKS_URL: ${describeNetworkError(error, new URL(provider.jwksUrl).host)}.`,
      `check that the provider is up and ${hint}.`,
    );
  }
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  const text = await response.text().catch(() => '');
  if (!response.ok) return fail(NAME, `${shown} answered HTTP ${response.status}.`, `${hint}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail(NAME, `${shown} answered ${type}, not a JSON key set.`, `${hint}; it is a JSON document with a "keys" array.`);
  }
  const jwks = KeySet.safeParse(parsed);
  if (!jwks.success || jwks.data.keys.length === 0) return fail(NAME, `${shown} holds no keys.`, `${hint}.`);
  const { keys } = jwks.data;
  const algorithms = new Set<string>(provider.algorithms);
  const usable = keys.filter((key) => isUsable(key, algorithms));
  if (usable.length === 0) {
    const offered = [...new Set(keys.map((key) => key.alg ?? `kty ${key.kty ?? '?'}`))].join(', ');
    return fail(
      NAME,
      `none of the ${keys.length} keys at ${shown} (${offered}) fits AUTH_ALGORITHMS (${provider.algorithms.join(',')}).`,
      "set AUTH_ALGORITHMS to the provider's signing algorithm.",
    );
  }
  return ok(
    NAME,
    `${usable.length} signing key(s) at ${shown}; tokens must come from ${provider.issuer} for ${provider.audience}.`,
  );
}

const Key = z.object({ kty: z.string().optional(), alg: z.string().optional(), use: z.string().optional() });
const KeySet = z.object({ keys: z.array(Key) });

const FAMILIES: Record<string, string[]> = {
  RSA: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  EC: ['ES256', 'ES384', 'ES512'],
  OKP: ['EdDSA', 'Ed25519'],
};

/** A public key a token signed with one of `algorithms` could be verified with. */
function isUsable(key: z.infer<typeof Key>, algorithms: ReadonlySet<string>): boolean {
  if (key.use !== undefined && key.use !== 'sig') return false;
  if (key.alg !== undefined) return algorithms.has(key.alg);
  return (FAMILIES[key.kty ?? ''] ?? []).some((alg) => algorithms.has(alg));
}
