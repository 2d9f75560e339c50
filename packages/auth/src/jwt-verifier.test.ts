import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '@chatwire/test-support/jwks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthConfigError, AuthError, AuthUnavailableError } from './errors.js';
import { createJwtVerifier } from './jwt-verifier.js';

let rsa: TestKey;
let ec: TestKey;
const servers: JwksServer[] = [];

beforeAll(async () => {
  rsa = await makeKey('RS256', 'rsa-1');
  ec = await makeKey('ES256', 'ec-1');
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => {})));
});

async function jwksWith(...keys: TestKey[]): Promise<JwksServer> {
  const server = await startJwksServer({ keys: keys.map((key) => key.publicJwk) });
  servers.push(server);
  return server;
}

const options = (server: JwksServer) => ({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE });

describe('configuration', () => {
  const base = { jwksUrl: 'https://id.example.test/jwks.json', issuer: ISSUER, audience: AUDIENCE };

  it.each(['HS256', 'HS512', 'none'])('refuses the symmetric or empty algorithm %s even when configured', (alg) => {
    expect(() => createJwtVerifier({ ...base, algorithms: ['RS256', alg] })).toThrow(AuthConfigError);
    expect(() => createJwtVerifier({ ...base, algorithms: ['RS256', alg] })).toThrow(/only asymmetric algorithms/);
  });

  it('refuses an unknown algorithm name and an empty list', () => {
    expect(() => createJwtVerifier({ ...base, algorithms: ['RS999'] })).toThrow(/unknown algorithm RS999/);
    expect(() => createJwtVerifier({ ...base, algorithms: [] })).toThrow(AuthConfigError);
  });

  it.each(['http://id.example.test/jwks.json', 'http://10.0.0.5/jwks.json', 'ftp://id.example.test/jwks.json', 'not a url'])(
    'refuses the JWKS URL %s',
    (jwksUrl) => {
      expect(() => createJwtVerifier({ ...base, jwksUrl })).toThrow(AuthConfigError);
    },
  );

  it.each([
    'https://id.example.test/jwks.json',
    'http://localhost:9000/jwks.json',
    'http://127.0.0.1/jwks',
    'http://127.8.9.10/jwks',
    'http://[::1]:8787/jwks',
  ])('accepts the JWKS URL %s', (jwksUrl) => {
    expect(() => createJwtVerifier({ ...base, jwksUrl })).not.toThrow();
  });

  it('requires an issuer and an audience', () => {
    expect(() => createJwtVerifier({ ...base, issuer: '' })).toThrow(/issuer: is required/);
    expect(() => createJwtVerifier({ ...base, audience: '' })).toThrow(/audience: is required/);
    expect(() => createJwtVerifier({ ...base, audience: [] })).toThrow(/audience: is required/);
  });

  it('an algorithm left out of the configured list is refused even with a genuine signature', async () => {
    const server = await jwksWith(rsa, ec);
    const verifier = createJwtVerifier({ ...options(server), algorithms: ['ES256'] });
    await expect(verifier.verify(await signToken(ec))).resolves.toMatchObject({ userId: 'alice' });
    await expect(verifier.verify(await signToken(rsa))).rejects.toThrow(
      'the token is signed with an algorithm that is not accepted',
    );
  });
});

describe('claims', () => {
  it('gives the user id from sub and the claims as verified', async () => {
    const verifier = createJwtVerifier(options(await jwksWith(rsa)));
    const verified = await verifier.verify(await signToken(rsa, { sub: 'user-42', name: 'Ada' }));
    expect(verified.userId).toBe('user-42');
    expect(verified.claims).toMatchObject({ sub: 'user-42', name: 'Ada', iss: ISSUER, aud: AUDIENCE });
    expect(verified.header).toMatchObject({ alg: 'RS256', kid: 'rsa-1' });
  });

  it('accepts a token that expired within the 30 s clock tolerance, and refuses it with no tolerance', async () => {
    const server = await jwksWith(rsa);
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(rsa, { iat: now - 600, exp: now - 10 });
    await expect(createJwtVerifier(options(server)).verify(token)).resolves.toMatchObject({ userId: 'alice' });
    await expect(createJwtVerifier({ ...options(server), clockToleranceSec: 0 }).verify(token)).rejects.toThrow(
      'the token has expired',
    );
  });

  it('accepts any one of several configured audiences', async () => {
    const verifier = createJwtVerifier({ ...options(await jwksWith(rsa)), audience: ['other', AUDIENCE] });
    await expect(verifier.verify(await signToken(rsa))).resolves.toMatchObject({ userId: 'alice' });
  });

  it.each([
    ['no sub', { sub: undefined }, 'the token lacks the required "sub" claim'],
    ['an empty sub', { sub: '' }, 'the token has no usable "sub" claim'],
    ['no exp', { exp: undefined }, 'the token lacks the required "exp" claim'],
  ])('refuses a token with %s', async (_name, claims, reason) => {
    const verifier = createJwtVerifier(options(await jwksWith(rsa)));
    const error = await verifier.verify(await signToken(rsa, claims)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe(reason);
  });
});

describe('the JWKS cache', () => {
  it('verifying 100 tokens fetches the JWKS exactly once', async () => {
    const server = await jwksWith(rsa, ec);
    const verifier = createJwtVerifier(options(server));
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => signToken(i % 2 ? rsa : ec, { sub: `user-${i}` })));
    const verified = await Promise.all(tokens.map((token) => verifier.verify(token)));
    expect(verified.map((v) => v.userId)).toEqual(tokens.map((_, i) => `user-${i}`));
    expect(server.hits).toBe(1);
  });

  it('a valid token still passes after the JWKS server goes down (cached key)', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier(options(server));
    await verifier.verify(await signToken(rsa, { sub: 'before' }));
    await server.close();
    await expect(verifier.verify(await signToken(rsa, { sub: 'after' }))).resolves.toMatchObject({ userId: 'after' });
  });

  it('cached keys keep working past their max age while the JWKS stays unreachable, up to staleIfErrorSec', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier({ ...options(server), cacheMaxAgeSec: 600, staleIfErrorSec: 3600 });
    const start = Date.now();
    const token = await signToken(rsa, { exp: Math.floor(start / 1000) + 86_400 });
    await verifier.verify(token);
    await server.close();

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + 20 * 60_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'alice' });

    vi.setSystemTime(start + 2 * 3600_000);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(AuthUnavailableError);
  });

  it('a key added to the JWKS is picked up on first use once the cooldown has passed', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier({ ...options(server), cooldownSec: 0 });
    await verifier.verify(await signToken(rsa));
    server.serve({ keys: [rsa.publicJwk, ec.publicJwk] });
    await expect(verifier.verify(await signToken(ec, { sub: 'rotated' }))).resolves.toMatchObject({ userId: 'rotated' });
    expect(server.hits).toBe(2);
  });

  it('within the cooldown an unknown kid is refused without refetching the JWKS', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier({ ...options(server), cooldownSec: 30 });
    await verifier.verify(await signToken(rsa));
    const stranger = await makeKey('ES256', 'stranger');
    for (let i = 0; i < 5; i += 1) {
      await expect(verifier.verify(await signToken(stranger))).rejects.toThrow('no known key matches the token');
    }
    expect(server.hits).toBe(1);
  });
});

describe('an unreachable identity provider', () => {
  it('with nothing cached, every token is refused with AuthUnavailableError (503), never accepted', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier(options(server));
    await server.close();
    const error = await verifier.verify(await signToken(rsa)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'auth_unavailable', headers: { 'Retry-After': '5' } });
  });

  it.each([
    ['answers 500', { status: 500, body: '{}' }],
    ['answers something that is not JSON', { status: 200, body: '<html>' }],
    ['answers JSON that is not a key set', { status: 200, body: '{"keys":"none"}' }],
  ])('when the JWKS endpoint %s, tokens are refused with AuthUnavailableError', async (_name, answer) => {
    const server = await jwksWith(rsa);
    server.serve(answer);
    const verifier = createJwtVerifier(options(server));
    await expect(verifier.verify(await signToken(rsa))).rejects.toBeInstanceOf(AuthUnavailableError);
  });

  it('once it recovers, tokens pass again', async () => {
    const server = await jwksWith(rsa);
    server.serve({ status: 503, body: '{}' });
    const verifier = createJwtVerifier({ ...options(server), retryAfterFailureSec: 0 });
    await expect(verifier.verify(await signToken(rsa))).rejects.toBeInstanceOf(AuthUnavailableError);
    server.serve({ keys: [rsa.publicJwk] });
    await expect(verifier.verify(await signToken(rsa))).resolves.toMatchObject({ userId: 'alice' });
  });

  it('after a failed fetch, requests inside the retry window do not hit the network again', async () => {
    const server = await jwksWith(rsa);
    server.serve({ status: 500, body: '{}' });
    const verifier = createJwtVerifier({ ...options(server), retryAfterFailureSec: 60 });
    for (let i = 0; i < 3; i += 1) {
      await expect(verifier.verify(await signToken(rsa))).rejects.toBeInstanceOf(AuthUnavailableError);
    }
    expect(server.hits).toBe(1);
  });

  it('refresh() reports an unreachable JWKS as AuthUnavailableError naming the URL', async () => {
    const server = await jwksWith(rsa);
    const verifier = createJwtVerifier(options(server));
    await expect(verifier.refresh()).resolves.toBeUndefined();
    await server.close();
    await expect(verifier.refresh()).rejects.toThrow(`The JWKS at ${server.url} could not be fetched`);
  });

  it('uses the fetch it is given', async () => {
    const server = await jwksWith(rsa);
    const seen: string[] = [];
    const verifier = createJwtVerifier({
      ...options(server),
      fetch: (url, init) => {
        seen.push(url);
        return fetch(url, init);
      },
    });
    await verifier.verify(await signToken(rsa));
    expect(seen).toEqual([server.url]);
  });
});
