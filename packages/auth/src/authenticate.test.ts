import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest, type AuthenticateOptions } from './authenticate.js';
import { SESSION_COOKIE } from './cookies.js';
import { loadDevIdentity, type DevIdentity } from './dev-identity.js';
import { AuthError, authErrorResponse, ForbiddenError } from './errors.js';

const APP = 'http://127.0.0.1:8787';
let dir: string;
let identity: DevIdentity;
let alice: string;
let bob: string;
let options: AuthenticateOptions;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwire-authn-'));
  identity = await loadDevIdentity({ dataDir: dir, origin: APP });
  alice = await identity.signSession({ userId: 'alice', name: 'Alice' });
  bob = await identity.signSession({ userId: 'bob' });
  options = { verifier: identity.verifier, allowedOrigins: ['https://partner.example.test'] };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function request(headers: Record<string, string>, url = `${APP}/chatkit`): Request {
  return new Request(url, { method: 'POST', headers });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('bearer tokens', () => {
  it('identify the caller by sub', async () => {
    const identityOut = await authenticateRequest(request({ Authorization: `Bearer ${alice}` }), options);
    expect(identityOut).toMatchObject({ userId: 'alice', via: 'bearer', claims: { name: 'Alice' } });
  });

  it('need no Origin (a page cannot make the browser attach one)', async () => {
    await expect(
      authenticateRequest(request({ Authorization: `Bearer ${alice}`, Origin: 'https://evil.test' }), options),
    ).resolves.toMatchObject({
      userId: 'alice',
    });
  });

  it('win over the cookie', async () => {
    const out = await authenticateRequest(
      request({ Authorization: `Bearer ${alice}`, Cookie: `${SESSION_COOKIE}=${bob}` }),
      options,
    );
    expect(out).toMatchObject({ userId: 'alice', via: 'bearer' });
  });

  it('an invalid bearer token is a 401 even when a valid cookie is present', async () => {
    const error = await rejection(
      authenticateRequest(
        request({ Authorization: 'Bearer not.a.token', Cookie: `${SESSION_COOKIE}=${bob}`, Origin: APP }),
        options,
      ),
    );
    expect(error).toBeInstanceOf(AuthError);
  });

  it('another Authorization scheme is a 401 invalid_request', async () => {
    const error = await rejection(authenticateRequest(request({ Authorization: 'Basic YWxpY2U6cHc=' }), options));
    expect(error).toMatchObject({ status: 401, bearerError: 'invalid_request' });
  });
});

describe('the session cookie', () => {
  it('is accepted from the app own origin', async () => {
    const out = await authenticateRequest(request({ Cookie: `${SESSION_COOKIE}=${alice}`, Origin: APP }), options);
    expect(out).toMatchObject({ userId: 'alice', via: 'cookie' });
  });

  it('is accepted from a configured extra origin', async () => {
    const out = await authenticateRequest(
      request({ Cookie: `${SESSION_COOKIE}=${alice}`, Origin: 'https://partner.example.test' }),
      options,
    );
    expect(out.userId).toBe('alice');
  });

  it.each([
    ['no Origin', {}],
    ['a foreign Origin', { Origin: 'https://evil.test' }],
    ['Origin: null (sandboxed frame, file://)', { Origin: 'null' }],
    ['an Origin that only resembles the app', { Origin: 'http://127.0.0.1:8787.evil.test' }],
    ['the app host on another scheme', { Origin: 'https://127.0.0.1:8787' }],
  ])('with %s is a 403', async (_name, headers: Record<string, string>) => {
    const error = await rejection(authenticateRequest(request({ Cookie: `${SESSION_COOKIE}=${alice}`, ...headers }), options));
    expect(error).toBeInstanceOf(ForbiddenError);
    const response = authErrorResponse(error as ForbiddenError);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
  });

  it('is refused for a foreign Origin before the token is even looked at', async () => {
    const error = await rejection(
      authenticateRequest(request({ Cookie: `${SESSION_COOKIE}=garbage`, Origin: 'https://evil.test' }), options),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('behind a trusted proxy, the public https origin is the app own origin', async () => {
    const proxied = request(
      {
        Cookie: `${SESSION_COOKIE}=${alice}`,
        Origin: 'https://chat.example.test',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'chat.example.test',
      },
      'http://10.0.0.2:8787/chatkit',
    );
    await expect(authenticateRequest(proxied, { ...options, trustProxy: true })).resolves.toMatchObject({
      userId: 'alice',
      via: 'cookie',
    });
    await expect(authenticateRequest(proxied, { ...options, trustProxy: false })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('with a valid Origin but a bad token is a 401', async () => {
    const error = await rejection(authenticateRequest(request({ Cookie: `${SESSION_COOKIE}=x.y.z`, Origin: APP }), options));
    expect(error).toMatchObject({ status: 401, bearerError: 'invalid_token' });
  });
});

describe('no usable credentials', () => {
  it('none at all is a 401 with a plain Bearer challenge', async () => {
    const error = await rejection(authenticateRequest(request({ Origin: APP }), options));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).wwwAuthenticate).toBe('Bearer realm="chatwire"');
    const response = authErrorResponse(error as AuthError);
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="chatwire"');
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'authentication required: send Authorization: Bearer <token> or sign in' },
    });
  });

  it.each(['token', 'access_token', 'id_token', 'jwt', 'Access_Token'])('a token in ?%s= is never accepted', async (param) => {
    const error = await rejection(authenticateRequest(request({}, `${APP}/chatkit/attachments/a1?${param}=${alice}`), options));
    expect(error).toMatchObject({ status: 401, bearerError: 'invalid_request' });
    expect((error as AuthError).message).toContain(`drop the ${param} parameter`);
  });

  it('a token in the URL is refused even with a valid session cookie and Origin', async () => {
    const error = await rejection(
      authenticateRequest(request({ Cookie: `${SESSION_COOKIE}=${alice}`, Origin: APP }, `${APP}/chatkit?jwt=${alice}`), options),
    );
    expect(error).toBeInstanceOf(AuthError);
  });
});
