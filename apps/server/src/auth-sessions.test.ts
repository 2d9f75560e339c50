import type { ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { silentLogger } from '@chatwire/server';
import { collectEvents, parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJwtVerifier, SESSION_COOKIE, SIGNING_KEY_FILE } from '@chatwire/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { appOrigin } from './auth/app-auth.js';
import {
  APP_START_TIMEOUT_MS,
  requestHeaders,
  sharedMemoryDatabase,
  startApp,
  textInput,
  type RunningApp,
} from './test-support/app-harness.js';

/**
 * Development mode over real HTTP: the sign-in route, the session cookie and its Origin rule,
 * logout, the JWKS, CORS for CHATWIRE_ALLOWED_ORIGINS, and what reaches the responder.
 */

const PARTNER = 'https://partner.example.test';
const EVIL = 'https://evil.example.test';

let running: RunningApp;
/** The context of every reply; the responder answers nothing. */
const seen: AppContext[] = [];

beforeAll(async () => {
  running = await startApp(
    { CHATWIRE_ALLOWED_ORIGINS: `${PARTNER}, https://other.example.test` },
    {
      responder: () => ({
        async *respond(
          _thread: ThreadMetadata,
          _input: UserMessageItem | null,
          context: AppContext,
        ): AsyncIterable<ThreadStreamEvent> {
          seen.push(context);
        },
      }),
    },
  );
}, APP_START_TIMEOUT_MS);

afterAll(() => running.close());

function login(body: unknown, origin?: string): Promise<Response> {
  return fetch(`${running.base}/auth/dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin !== undefined ? { Origin: origin } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The session cookie's value and attributes from a `Set-Cookie` answer. */
function sessionCookieOf(response: Response): { value: string; attributes: string[] } {
  const cookies = response.headers.getSetCookie().filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  expect(cookies).toHaveLength(1);
  const [pair, ...attributes] = cookies[0]!.split(';').map((part) => part.trim());
  return { value: pair!.slice(SESSION_COOKIE.length + 1), attributes };
}

async function threadsOf(credentials: Parameters<RunningApp['chatkit']>[1]) {
  const response = await running.chatkit({ type: 'threads.list', params: {} }, credentials);
  expect(response.status).toBe(200);
  return parseJsonResponse('threads.list', await response.text()).data;
}

describe('POST /auth/dev/login', () => {
  it('signs in from the app page: a JWT and the user, and an HttpOnly SameSite=Lax session cookie on Path=/', async () => {
    const response = await login({ user_id: 'alice', name: 'Alice' }, running.base);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; user: unknown };
    expect(body.user).toEqual({ user_id: 'alice', name: 'Alice' });
    expect(body.token.split('.')).toHaveLength(3);

    const cookie = sessionCookieOf(response);
    expect(cookie.value).toBe(body.token);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
    // Plain http here; Secure is added over https.
    expect(cookie.attributes).not.toContain('Secure');
  });

  it("the cookie works for /chatkit from the app's own origin", async () => {
    const { value } = sessionCookieOf(await login({ user_id: 'cookie-user', name: 'Cookie User' }, running.base));
    const created = await running.chatkit(
      { type: 'threads.create', params: { input: textInput('hello from a browser') } },
      { cookie: value, origin: running.base },
    );
    expect(created.status).toBe(200);
    const events = await collectEvents(created);
    expect(events[0]?.type).toBe('thread.created');
    expect((await threadsOf({ cookie: value, origin: running.base })).map((thread) => thread.id)).toEqual([
      events[0]?.type === 'thread.created' ? events[0].thread.id : 'missing',
    ]);
  });

  it('the token also works as a Bearer token, with no Origin at all', async () => {
    const token = await running.login('bearer-user');
    expect(await threadsOf({ token })).toEqual([]);
  });

  it('a sign-in from another site is refused with 403 and sets no cookie (login CSRF)', async () => {
    for (const origin of [EVIL, 'null']) {
      const response = await login({ user_id: 'victim' }, origin);
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(parseErrorResponse(await response.text()).error.code).toBe('forbidden_origin');
    }
  });

  it('a sign-in with no Origin (curl, scripts) and one from an allowed origin both succeed', async () => {
    expect((await login({ user_id: 'script' })).status).toBe(200);
    expect((await login({ user_id: 'partner-user' }, PARTNER)).status).toBe(200);
  });

  it('from an https page (the app behind a TLS-terminating proxy) the cookie is also Secure', async () => {
    const response = await login({ user_id: 'tls-user' }, PARTNER);
    expect(sessionCookieOf(response).attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Secure']));
  });

  it.each([
    ['no user_id', { name: 'Nobody' }, 'user_id'],
    ['an empty user_id', { user_id: '' }, 'user_id'],
    ['a user_id with a control character', { user_id: 'a\u0000b' }, 'user_id'],
    ['a user_id too long', { user_id: 'u'.repeat(257) }, 'user_id'],
    ['an unknown field', { user_id: 'alice', admin: true }, 'admin'],
    ['a name that is not text', { user_id: 'alice', name: 42 }, 'name'],
  ])('%s is a 400 naming the field, and no cookie', async (_case, body, field) => {
    const response = await login(body, running.base);
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    const error = parseErrorResponse(await response.text()).error;
    expect(error.message.startsWith(field)).toBe(true);
  });

  it('a body that is not JSON is a 400, and one over 4 KB a 413', async () => {
    const garbled = await login('{"user_id": ', running.base);
    expect(garbled.status).toBe(400);
    expect(parseErrorResponse(await garbled.text()).error.code).toBe('invalid_json');
    const huge = await login({ user_id: 'alice', name: 'n'.repeat(5000) }, running.base);
    expect(huge.status).toBe(413);
    const tooLarge = { code: 'payload_too_large', message: 'Request body exceeds 4096 bytes' };
    expect(parseErrorResponse(await huge.text()).error).toEqual(tooLarge);
    // No Content-Length to refuse up front: the cap stops the read as the body streams in.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"user_id":"alice","name":"'));
        for (let i = 0; i < 8; i += 1) controller.enqueue(new TextEncoder().encode('n'.repeat(1000)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const streamed = await fetch(`${running.base}/auth/dev/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: running.base },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('connection')).toBe('close');
    expect(parseErrorResponse(await streamed.text()).error).toEqual(tooLarge);
  });

  it('GET on the login route is a 405', async () => {
    const response = await fetch(`${running.base}/auth/dev/login`);
    expect(response.status).toBe(405);
  });
});

describe('the session cookie needs an allowed Origin', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = sessionCookieOf(await login({ user_id: 'origin-user' }, running.base)).value;
  });

  it.each([
    ['a foreign Origin', () => EVIL],
    ['no Origin', () => undefined],
    ['Origin: null', () => 'null'],
    ['an Origin that only starts like the app', (base: string) => `${base}.evil.example.test`],
    ['the app host over https', (base: string) => base.replace('http:', 'https:')],
  ])('%s gets 403 and nothing is done', async (_case, originFor) => {
    const origin = originFor(running.base);
    const response = await running.chatkit(
      { type: 'threads.create', params: { input: textInput('forged from another site') } },
      { cookie, ...(origin !== undefined ? { origin } : {}) },
    );
    expect(response.status).toBe(403);
    expect(parseErrorResponse(await response.text()).error.code).toBe('forbidden_origin');
    expect(await threadsOf({ cookie, origin: running.base })).toEqual([]);
  });

  it('an origin listed in CHATWIRE_ALLOWED_ORIGINS may use it, and is answered with credentialed CORS headers', async () => {
    const response = await running.chatkit({ type: 'threads.list', params: {} }, { cookie, origin: PARTNER });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toContain('Origin');
    parseJsonResponse('threads.list', await response.text());
  });

  it('a Bearer request from a foreign origin is served (browsers never attach it on their own) but gets no CORS headers', async () => {
    const token = await running.login('bearer-from-afar');
    const response = await running.chatkit({ type: 'threads.list', params: {} }, { token, origin: EVIL });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    await response.text();
  });

  it('an error answer to an allowed origin carries CORS headers too, so its script can read the 401', async () => {
    const response = await running.chatkit({ type: 'threads.list', params: {} }, { origin: PARTNER });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
    await response.text();
  });
});

describe('POST /auth/logout', () => {
  it('clears the session cookie', async () => {
    const response = await fetch(`${running.base}/auth/logout`, { method: 'POST', headers: { Origin: running.base } });
    expect(response.status).toBe(200);
    const cleared = sessionCookieOf(response);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=0']));
  });

  it('from another site is refused with 403', async () => {
    const response = await fetch(`${running.base}/auth/logout`, { method: 'POST', headers: { Origin: EVIL } });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('CORS preflight', () => {
  it.each(['/chatkit', '/auth/dev/login', '/auth/logout'])(
    '%s answers an allowed origin with credentials allowed',
    async (path) => {
      const response = await fetch(`${running.base}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: PARTNER,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    },
  );

  it('refuses a foreign origin: 403 and no CORS headers', async () => {
    const response = await fetch(`${running.base}/chatkit`, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(parseErrorResponse(await response.text()).error.code).toBe('forbidden_origin');
  });
});

describe('/.well-known/jwks.json', () => {
  it('publishes the public key that verifies the session tokens, and no private part', async () => {
    const response = await fetch(`${running.base}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);

    const token = await running.login('jwks-user', 'Jwks User');
    const verifier = createJwtVerifier({
      jwksUrl: `${running.base}/.well-known/jwks.json`,
      issuer: appOrigin({ host: '127.0.0.1', port: 0 }),
      audience: 'chatwire',
      algorithms: ['EdDSA'],
    });
    expect(await verifier.verify(token)).toMatchObject({ userId: 'jwks-user', claims: { name: 'Jwks User' } });
  });

  it('keeps the same signing key across restarts in the same CHATWIRE_DATA_DIR, so sessions survive', async () => {
    const token = await running.login('survivor');
    const again = await startApp({ CHATWIRE_DATA_DIR: running.dataDir });
    try {
      const response = await again.chatkit({ type: 'threads.list', params: {} }, { token });
      expect(response.status).toBe(200);
      await response.text();
    } finally {
      await again.close();
    }
  });
});

describe('startup', () => {
  it('a damaged signing key file stops the app from starting, naming the file, and is never replaced', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-damaged-'));
    try {
      const keyFile = join(dataDir, SIGNING_KEY_FILE);
      await writeFile(keyFile, '{"not": "a key"}');
      const app = createApp(loadConfig({ PORT: '0', CHATWIRE_DATA_DIR: dataDir }), {
        logger: silentLogger,
        database: sharedMemoryDatabase,
      });
      await expect(app.ready()).rejects.toThrow(keyFile);
      expect(await readFile(keyFile, 'utf8')).toBe('{"not": "a key"}');
      await app.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the request context', () => {
  it("carries the token's user, the cleaned page context and the locale; metadata cannot change who the user is", async () => {
    const token = await running.login('context-user', 'Context User');
    const response = await fetch(`${running.base}/chatkit`, {
      method: 'POST',
      headers: { ...requestHeaders({ token }), 'Accept-Language': 'pt-br, en;q=0.5' },
      body: JSON.stringify({
        type: 'threads.create',
        params: { input: textInput('what page am I on?') },
        metadata: {
          userId: 'someone-else',
          userInfo: { name: 'Impostor', email: 'me@example.test' },
          pageContext: { url: 'https://docs.example.test/guide', title: 'Guide\u0007', selection: 42 },
        },
      }),
    });
    expect(response.status).toBe(200);
    await collectEvents(response);
    expect(seen.at(-1)).toEqual({
      userId: 'context-user',
      user: { name: 'Context User', email: 'me@example.test' },
      page: { url: 'https://docs.example.test/guide', title: 'Guide' },
      locale: 'pt-BR',
      // Where the client reached the app: attachment upload and preview URLs point there.
      origin: running.base,
    });
  });
});
