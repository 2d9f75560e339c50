import { UnsecuredJWT } from 'jose';
import {
  AUDIENCE,
  decodeSegment,
  encodeJson,
  hmacToken,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '@chatwire/test-support/jwks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest } from './authenticate.js';
import { AuthError, authErrorResponse } from './errors.js';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier.js';

let rsa: TestKey;
let ec: TestKey;
let jwks: JwksServer;
let verifier: JwtVerifier;

beforeAll(async () => {
  rsa = await makeKey('RS256', 'rsa-1');
  ec = await makeKey('ES256', 'ec-1');
  jwks = await startJwksServer({ keys: [rsa.publicJwk, ec.publicJwk] });
  verifier = createJwtVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });
});
afterAll(() => jwks.close());

const now = () => Math.floor(Date.now() / 1000);

function bearer(token: string, path = '/chatkit'): Request {
  return new Request(`http://127.0.0.1:8787${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
}

/** Each attack: the request an attacker sends, and the reason we expect to see in the challenge. */
const attacks: Array<{ name: string; request: () => Promise<Request>; reason: string; error?: string }> = [
  {
    name: 'alg: none',
    request: async () =>
      bearer(new UnsecuredJWT({ sub: 'alice', aud: AUDIENCE }).setIssuer(ISSUER).setExpirationTime('1h').encode()),
    reason: 'the token is signed with an algorithm that is not accepted',
  },
  {
    name: 'HS256 signed with the RSA public key (PEM) as the secret',
    request: async () =>
      bearer(
        hmacToken({ alg: 'HS256', kid: rsa.kid }, { iss: ISSUER, aud: AUDIENCE, sub: 'alice', exp: now() + 600 }, rsa.publicPem),
      ),
    reason: 'the token is signed with an algorithm that is not accepted',
  },
  {
    name: 'HS256 signed with the RSA public key (JWK) as the secret',
    request: async () =>
      bearer(
        hmacToken(
          { alg: 'HS256', kid: rsa.kid },
          { iss: ISSUER, aud: AUDIENCE, sub: 'alice', exp: now() + 600 },
          JSON.stringify(rsa.publicJwk),
        ),
      ),
    reason: 'the token is signed with an algorithm that is not accepted',
  },
  {
    name: 'expired (beyond the clock tolerance)',
    request: async () => bearer(await signToken(rsa, { iat: now() - 7200, exp: now() - 120 })),
    reason: 'the token has expired',
  },
  {
    name: 'nbf in the future (beyond the clock tolerance)',
    request: async () => bearer(await signToken(ec, { nbf: now() + 120 })),
    reason: 'the token is not valid yet',
  },
  {
    name: 'wrong issuer',
    request: async () => bearer(await signToken(rsa, { iss: 'https://evil.example.test' })),
    reason: 'the token was issued by an issuer that is not accepted',
  },
  {
    name: 'wrong audience',
    request: async () => bearer(await signToken(rsa, { aud: 'some-other-api' })),
    reason: 'the token is not meant for this audience',
  },
  {
    name: 'unknown kid',
    request: async () => bearer(await signToken(await makeKey('RS256', 'not-in-the-jwks'))),
    reason: 'no known key matches the token',
  },
  {
    name: 'tampered payload',
    request: async () => {
      const [header, payload, signature] = (await signToken(rsa)).split('.');
      const claims = decodeSegment(`${header}.${payload}.`, 1);
      return bearer(`${header}.${encodeJson({ ...claims, sub: 'mallory' })}.${signature}`);
    },
    reason: 'the token signature is invalid',
  },
  {
    name: 'truncated signature',
    request: async () => bearer((await signToken(ec)).slice(0, -4)),
    reason: 'the token signature is invalid',
  },
  {
    name: 'an oversized token',
    request: async () => bearer(await signToken(rsa, { padding: 'x'.repeat(9000) })),
    reason: 'the token is larger than 8192 bytes',
  },
  {
    name: 'crit header with an unknown extension',
    request: async () =>
      bearer(
        await signToken(
          rsa,
          {},
          { crit: ['x-chatwire-unknown'], 'x-chatwire-unknown': true },
          { crit: { 'x-chatwire-unknown': true } },
        ),
      ),
    reason: 'the token uses an unsupported header or algorithm',
  },
  {
    name: 'a token carrying its own key in the jwk header',
    request: async () => {
      const attacker = await makeKey('RS256', rsa.kid);
      return bearer(await signToken(attacker, { sub: 'mallory' }, { jwk: attacker.publicJwk }));
    },
    reason: 'the token signature is invalid',
  },
  {
    name: 'a token pointing at the attacker JWKS with jku',
    request: async () => {
      const attacker = await makeKey('ES256', ec.kid);
      return bearer(await signToken(attacker, { sub: 'mallory' }, { jku: 'https://evil.example.test/jwks.json' }));
    },
    reason: 'the token signature is invalid',
  },
  {
    name: 'a valid token in the query string',
    request: async () => new Request(`http://127.0.0.1:8787/chatkit?access_token=${await signToken(rsa)}`, { method: 'POST' }),
    reason:
      'tokens in the URL are not accepted: drop the access_token parameter and send Authorization: Bearer <token> or use the session cookie',
    error: 'invalid_request',
  },
];

describe('attack suite: every forged or unusable token is a 401 with a Bearer challenge', () => {
  it('a genuine token passes, so the rejections below are about the attack', async () => {
    for (const key of [rsa, ec]) {
      const identity = await authenticateRequest(bearer(await signToken(key)), { verifier });
      expect(identity).toMatchObject({ userId: 'alice', via: 'bearer' });
    }
  });

  it.each(attacks)('$name is rejected', async ({ request, reason, error = 'invalid_token' }) => {
    const outcome = await authenticateRequest(await request(), { verifier }).then(
      (identity) => ({ accepted: identity }),
      (rejection: unknown) => ({ rejected: rejection }),
    );
    expect(outcome).not.toHaveProperty('accepted');
    const rejection = (outcome as { rejected: unknown }).rejected;
    expect(rejection).toBeInstanceOf(AuthError);
    const authError = rejection as AuthError;
    expect(authError.status).toBe(401);
    expect(authError.wwwAuthenticate).toBe(`Bearer error="${error}", error_description="${reason}"`);

    const response = authErrorResponse(authError);
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe(authError.wwwAuthenticate);
    expect(await response.json()).toEqual({ error: { code: error, message: reason } });
  });

  it('a valid bearer token is still refused when the URL also carries one', async () => {
    const token = await signToken(rsa);
    const request = new Request(`http://127.0.0.1:8787/chatkit?token=${token}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    await expect(authenticateRequest(request, { verifier })).rejects.toMatchObject({
      status: 401,
      bearerError: 'invalid_request',
    });
  });

  it('an oversized token is refused without looking up any key', async () => {
    const server = await startJwksServer({ keys: [rsa.publicJwk] });
    try {
      const fresh = createJwtVerifier({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE, maxTokenBytes: 1024 });
      await expect(fresh.verify(await signToken(rsa, { padding: 'x'.repeat(2000) }))).rejects.toThrow('larger than 1024 bytes');
      expect(server.hits).toBe(0);
    } finally {
      await server.close();
    }
  });
});
