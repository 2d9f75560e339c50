import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
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
import { APP_START_TIMEOUT_MS, startApp, textInput, type RunningApp } from './test-support/app-harness.js';

/**
 * The app in production mode (AUTH_JWKS_URL set) against a real JWKS endpoint, attacked over
 * real HTTP. Every forged or unusable token must be a 401 JSON answer with a Bearer challenge,
 * and none may act: each attack tries to create a thread, and afterwards nobody has one.
 */

let rsa: TestKey;
let ec: TestKey;
let jwks: JwksServer;
let running: RunningApp;

const providerEnv = (jwksUrl: string) => ({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });

beforeAll(async () => {
  rsa = await makeKey('RS256', 'rsa-1');
  ec = await makeKey('ES256', 'ec-1');
  jwks = await startJwksServer({ keys: [rsa.publicJwk, ec.publicJwk] });
  running = await startApp(providerEnv(jwks.url));
}, APP_START_TIMEOUT_MS);

afterAll(async () => {
  await running.close();
  await jwks.close();
});

const now = () => Math.floor(Date.now() / 1000);
const ATTACK_TEXT = 'written by an attacker';
const createThread = { type: 'threads.create', params: { input: textInput(ATTACK_TEXT) } };

async function threadCount(app: RunningApp, userId: string, key: TestKey): Promise<number> {
  const response = await app.chatkit({ type: 'threads.list', params: {} }, { token: await signToken(key, { sub: userId }) });
  expect(response.status).toBe(200);
  return parseJsonResponse('threads.list', await response.text()).data.length;
}

/** Each attack: the token (or request path) an attacker sends, and the reason the challenge gives. */
const attacks: Array<{
  name: string;
  token?: () => Promise<string>;
  path?: () => Promise<string>;
  reason: string;
  code?: string;
}> = [
  {
    name: 'alg: none',
    token: async () => new UnsecuredJWT({ sub: 'alice', aud: AUDIENCE }).setIssuer(ISSUER).setExpirationTime('1h').encode(),
    reason: 'the token is signed with an algorithm that is not accepted',
  },
  {
    name: 'HS256 signed with the RSA public key as the secret',
    token: async () =>
      hmacToken({ alg: 'HS256', kid: rsa.kid }, { iss: ISSUER, aud: AUDIENCE, sub: 'alice', exp: now() + 600 }, rsa.publicPem),
    reason: 'the token is signed with an algorithm that is not accepted',
  },
  {
    name: 'expired',
    token: () => signToken(rsa, { iat: now() - 7200, exp: now() - 120 }),
    reason: 'the token has expired',
  },
  {
    name: 'nbf in the future',
    token: () => signToken(ec, { nbf: now() + 120 }),
    reason: 'the token is not valid yet',
  },
  {
    name: 'wrong issuer',
    token: () => signToken(rsa, { iss: 'https://evil.example.test' }),
    reason: 'the token was issued by an issuer that is not accepted',
  },
  {
    name: 'wrong audience',
    token: () => signToken(rsa, { aud: 'some-other-api' }),
    reason: 'the token is not meant for this audience',
  },
  {
    name: 'unknown kid',
    token: async () => signToken(await makeKey('RS256', 'not-in-the-jwks')),
    reason: 'no known key matches the token',
  },
  {
    name: 'tampered payload',
    token: async () => {
      const [header, payload, signature] = (await signToken(rsa)).split('.');
      const claims = decodeSegment(`${header}.${payload}.`, 1);
      return `${header}.${encodeJson({ ...claims, sub: 'mallory' })}.${signature}`;
    },
    reason: 'the token signature is invalid',
  },
  {
    name: 'truncated signature',
    token: async () => (await signToken(ec)).slice(0, -4),
    reason: 'the token signature is invalid',
  },
  {
    name: 'an oversized token',
    token: () => signToken(rsa, { padding: 'x'.repeat(9000) }),
    reason: 'the token is larger than 8192 bytes',
  },
  {
    name: 'crit header with an unknown extension',
    token: () =>
      signToken(rsa, {}, { crit: ['x-chatwire-unknown'], 'x-chatwire-unknown': true }, { crit: { 'x-chatwire-unknown': true } }),
    reason: 'the token uses an unsupported header or algorithm',
  },
  {
    name: 'a valid token in the query string',
    path: async () => `/chatkit?access_token=${await signToken(rsa)}`,
    reason:
      'tokens in the URL are not accepted: drop the access_token parameter and send Authorization: Bearer <token> or use the session cookie',
    code: 'invalid_request',
  },
];

describe('attack suite over HTTP: the app with AUTH_JWKS_URL refuses every forged or unusable token', () => {
  it('a genuine token from the identity provider is served, so the refusals below are about the attack', async () => {
    for (const key of [rsa, ec]) {
      const response = await running.chatkit({ type: 'threads.list', params: {} }, { token: await signToken(key) });
      expect(response.status).toBe(200);
      expect(parseJsonResponse('threads.list', await response.text()).data).toEqual([]);
    }
  });

  it.each(attacks)(
    '$name: 401 JSON with a WWW-Authenticate challenge',
    async ({ token, path, reason, code = 'invalid_token' }) => {
      const response = await running.chatkit(
        createThread,
        token ? { token: await token() } : {},
        path ? await path() : undefined,
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('www-authenticate')).toBe(`Bearer error="${code}", error_description="${reason}"`);
      expect(parseErrorResponse(await response.text())).toEqual({ error: { code, message: reason } });
    },
  );

  it('no attack acted: neither the impersonated user nor the attacker has a thread', async () => {
    expect(await threadCount(running, 'alice', rsa)).toBe(0);
    expect(await threadCount(running, 'mallory', rsa)).toBe(0);
  });

  it('a request with no credentials is a 401 with the realm challenge', async () => {
    const response = await running.chatkit(createThread);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="chatwire"');
    expect(parseErrorResponse(await response.text()).error.code).toBe('unauthenticated');
  });

  it('the caller is authenticated before the body is read: a malformed or oversized body without credentials is still 401', async () => {
    const malformed = await running.chatkit('{"type": "threads.list", "params": {');
    expect(malformed.status).toBe(401);
    const huge = await running.chatkit('x'.repeat(2_000_000));
    expect(huge.status).toBe(401);
    expect(huge.headers.get('connection')).toBe('close');
    // The unread upload did not leave the app unable to answer the next request.
    const next = await running.chatkit({ type: 'threads.list', params: {} }, { token: await signToken(rsa) });
    expect(next.status).toBe(200);
  });

  it('the development login does not exist in production mode: 404', async () => {
    const response = await fetch(`${running.base}/auth/dev/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: running.base },
      body: JSON.stringify({ user_id: 'alice' }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(parseErrorResponse(await response.text()).error.code).toBe('not_found');
  });

  it("/.well-known/jwks.json still serves the app signer's public key (for tokens the app mints), not the provider's", async () => {
    const response = await fetch(`${running.base}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    expect(keys.map((key) => key.kid)).not.toContain(rsa.kid);
  });
});

describe('when the identity provider is unreachable', () => {
  it(
    'a valid token still passes on the cached key after the JWKS server goes down',
    async () => {
      const key = await makeKey('RS256', 'outage-1');
      const provider = await startJwksServer({ keys: [key.publicJwk] });
      const app = await startApp(providerEnv(provider.url));
      try {
        const token = () => signToken(key, { sub: 'outage-user' });
        const before = await app.chatkit({ type: 'threads.list', params: {} }, { token: await token() });
        expect(before.status).toBe(200);
        await provider.close();

        const after = await app.chatkit(
          { type: 'threads.create', params: { input: textInput('still here') } },
          { token: await token() },
        );
        expect(after.status).toBe(200);
        expect(after.headers.get('content-type')).toBe('text/event-stream');
        await after.text();
        expect(await threadCount(app, 'outage-user', key)).toBe(1);
      } finally {
        await app.close();
      }
    },
    APP_START_TIMEOUT_MS,
  );

  it(
    'with no key cached, every request is a 503 with Retry-After and is never accepted',
    async () => {
      const key = await makeKey('ES256', 'never-fetched');
      const closedPort = await unusedPort();
      const app = await startApp(providerEnv(`http://127.0.0.1:${closedPort}/.well-known/jwks.json`));
      try {
        const response = await app.chatkit(createThread, { token: await signToken(key) });
        expect(response.status).toBe(503);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(parseErrorResponse(await response.text()).error.code).toBe('auth_unavailable');
      } finally {
        await app.close();
      }
    },
    APP_START_TIMEOUT_MS,
  );
});

/** A port nothing listens on: bind one, then let it go. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
