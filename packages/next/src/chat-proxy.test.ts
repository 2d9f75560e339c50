import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { silentLogger, type Logger } from '@chatwire/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatKitProxy } from './create-chatkit-proxy.js';
import type { ChatKitProxyOptions } from './proxy-options.js';
import { json, latch, openEventStream, sseEvent, startUpstream, type UpstreamServer } from './test-support/upstream-server.js';

/**
 * The chat route (`POST`) of `createChatKitProxy`, called in process the way Next calls a route
 * handler, against a real HTTP upstream on 127.0.0.1 reached with the real `fetch`.
 */

const SITE = 'http://docs.example.test';
const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const LIST = JSON.stringify({ type: 'threads.list', params: { limit: 5 } });

let upstream: UpstreamServer;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.handle((_req, res) => json(res, 200, { data: [], has_more: false }));
});

function proxy(options: Partial<ChatKitProxyOptions> = {}) {
  return createChatKitProxy({ upstream: upstream.origin, cookieName: 'docs_session', logger: silentLogger, ...options });
}

function chatRequest(init: { headers?: Record<string, string>; body?: BodyInit; signal?: AbortSignal } = {}): Request {
  return new Request(`${SITE}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE, cookie: `theme=dark; docs_session=${TOKEN}`, ...init.headers },
    body: init.body ?? LIST,
    signal: init.signal,
    duplex: 'half',
  } as RequestInit);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

/** Reads the next chunk of a body as text. */
async function nextText(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value, done } = await reader.read();
  if (done) throw new Error('the body ended');
  return new TextDecoder().decode(value);
}

describe('who may use the proxy', () => {
  it('answers 401 JSON with WWW-Authenticate when the request has no session cookie, and never calls the upstream', async () => {
    const response = await proxy().POST(chatRequest({ headers: { cookie: 'theme=dark' } }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="chatwire"');
    expect((await errorOf(response)).code).toBe('unauthenticated');
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 403 to a page on another origin, with or without the cookie, and never calls the upstream', async () => {
    for (const cookie of [`docs_session=${TOKEN}`, '']) {
      const response = await proxy().POST(chatRequest({ headers: { origin: 'https://evil.example', cookie } }));
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden_origin');
    }
    const opaque = await proxy().POST(chatRequest({ headers: { origin: 'null' } }));
    expect(opaque.status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 403 to a POST that carries the cookie but no Origin at all', async () => {
    const request = chatRequest();
    request.headers.delete('origin');
    const response = await proxy().POST(request);
    expect(response.status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });

  it('lets the site itself and the allowed origins through', async () => {
    const chat = proxy({ allowedOrigins: ['https://www.example.com/'] });
    expect((await chat.POST(chatRequest())).status).toBe(200);
    expect((await chat.POST(chatRequest({ headers: { origin: 'https://www.example.com' } }))).status).toBe(200);
    expect(upstream.requests).toHaveLength(2);
  });

  it('with trustProxy, takes the site’s own origin from X-Forwarded-Host/-Proto, and only then', async () => {
    const behindTls = () =>
      chatRequest({
        headers: { origin: 'https://docs.example.com', 'x-forwarded-host': 'docs.example.com', 'x-forwarded-proto': 'https' },
      });
    expect((await proxy().POST(behindTls())).status).toBe(403);
    expect((await proxy({ trustProxy: true }).POST(behindTls())).status).toBe(200);
  });

  it('forwards the token getToken finds instead of the cookie, and answers 401 when it finds none', async () => {
    const chat = proxy({
      getToken: (request) => (request.headers.get('x-session-id') === 's1' ? 'from.session.store' : undefined),
    });
    expect((await chat.POST(chatRequest({ headers: { 'x-session-id': 's1' } }))).status).toBe(200);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer from.session.store');
    expect((await chat.POST(chatRequest())).status).toBe(401);
  });

  it('refuses a cookie value that could not be a token (401 invalid_token), never putting it in a header', async () => {
    const response = await proxy().POST(chatRequest({ headers: { cookie: 'docs_session=a b,c' } }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('headers crossing the proxy', () => {
  it('sends the upstream the token as Bearer and only the allow-listed browser headers', async () => {
    await proxy().POST(
      chatRequest({
        headers: {
          authorization: 'Bearer forged-by-the-page',
          'accept-language': 'de-CH, de;q=0.9',
          'x-forwarded-for': '203.0.113.9',
          'x-forwarded-host': 'evil.example',
          'proxy-authorization': 'Basic c2VjcmV0',
          'x-custom-secret': 'do-not-forward',
        },
      }),
    );
    const { headers } = upstream.requests[0]!;
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers['accept-language']).toBe('de-CH, de;q=0.9');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.host).toBe(new URL(upstream.origin).host);
    for (const name of ['cookie', 'origin', 'x-forwarded-for', 'x-forwarded-host', 'proxy-authorization', 'x-custom-secret']) {
      expect(headers[name], name).toBeUndefined();
    }
  });

  it('never passes the upstream Set-Cookie, CORS or hop-by-hop headers back, and keeps the SSE headers', async () => {
    upstream.handle((_req, res) => {
      openEventStream(res, {
        'set-cookie': ['chatwire_session=upstream-token; HttpOnly', 'other=1'],
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'keep-alive': 'timeout=5',
        'x-powered-by': 'upstream',
        'retry-after': '3',
      });
      res.end(sseEvent({ type: 'thread.created' }));
    });
    const response = await proxy().POST(chatRequest());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('retry-after')).toBe('3');
    for (const name of [
      'set-cookie',
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'keep-alive',
      'x-powered-by',
      'connection',
    ]) {
      expect(response.headers.get(name), name).toBeNull();
    }
    const body = await response.text();
    expect(body).toBe(sseEvent({ type: 'thread.created' }));
    expect(body).not.toContain(TOKEN);
  });

  it('drops Content-Encoding and Content-Length of a compressed answer, which fetch has already decoded', async () => {
    const payload = JSON.stringify({ data: [{ id: 'thr_1', title: 'Compressed' }], has_more: false });
    upstream.handle((_req, res) => {
      const zipped = gzipSync(payload);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': zipped.byteLength });
      res.end(zipped);
    });
    const response = await proxy().POST(chatRequest());
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toBe(payload);
  });
});

describe('the request body', () => {
  it('passes the body through byte for byte', async () => {
    const body = JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'Grüezi 👋' }] } },
    });
    await proxy().POST(chatRequest({ body }));
    expect((await upstream.requests[0]!.body).toString('utf8')).toBe(body);
  });

  it('answers 413 JSON to a body over maxBodyBytes, declared or streamed, and never calls the upstream', async () => {
    const chat = proxy({ maxBodyBytes: 64 });
    const declared = await chat.POST(chatRequest({ body: 'x'.repeat(65) }));
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe('payload_too_large');

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('0123456789'));
        controller.close();
      },
    });
    const streamed = await chat.POST(chatRequest({ body: chunks }));
    expect(streamed.status).toBe(413);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('upstream errors', () => {
  it('pass through as the same JSON errors, with status, Retry-After and WWW-Authenticate', async () => {
    const cases: { status: number; code: string; headers: Record<string, string> }[] = [
      { status: 409, code: 'thread_locked', headers: {} },
      { status: 429, code: 'rate_limited', headers: { 'retry-after': '12' } },
      { status: 401, code: 'invalid_token', headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      { status: 503, code: 'unavailable', headers: { 'retry-after': '1' } },
    ];
    for (const { status, code, headers } of cases) {
      upstream.handle((_req, res) => json(res, status, { error: { code, message: `upstream says ${code}` } }, headers));
      const response = await proxy().POST(chatRequest());
      expect(response.status).toBe(status);
      expect(await errorOf(response)).toEqual({ code, message: `upstream says ${code}` });
      for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name)).toBe(value);
    }
  });

  it('turn a body that is not the contract’s error (an HTML page with a stack trace) into a 502 that shows none of it', async () => {
    upstream.handle((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Error</h1><pre>TypeError: x is undefined\n    at /srv/app/secret-path.js:12:5</pre>');
    });
    const response = await proxy().POST(chatRequest());
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'upstream_error', message: 'The chat service failed (HTTP 500)' } });
    expect(text).not.toContain('secret-path');
  });

  it('answer 502 JSON when the upstream is unreachable, logging the cause but never the token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logged: unknown[] = [];
    const logger: Logger = { ...silentLogger, warn: (message, details) => void logged.push({ message, ...details }) };

    const response = await proxy({ upstream: `http://127.0.0.1:${port}`, logger }).POST(chatRequest());
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await errorOf(response)).toEqual({
      code: 'upstream_unreachable',
      message: 'The chat service is unreachable; try again shortly',
    });
    expect(logged).toEqual([expect.objectContaining({ message: 'The chat upstream is unreachable', code: 'ECONNREFUSED' })]);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
  });

  it('answer 504 JSON when the upstream sends no headers within headersTimeoutMs, and close that connection', async () => {
    upstream.handle(() => {});
    const response = await proxy({ headersTimeoutMs: 200 }).POST(chatRequest());
    expect(response.status).toBe(504);
    expect((await errorOf(response)).code).toBe('upstream_timeout');
    expect(await upstream.requests[0]!.closed).toBe(true);
  });

  it('never follow a redirect, so the token goes nowhere else', async () => {
    const elsewhere = await startUpstream();
    try {
      upstream.handle((_req, res) => {
        res.writeHead(307, { location: `${elsewhere.origin}/steal` });
        res.end();
      });
      const response = await proxy().POST(chatRequest());
      expect(response.status).toBe(502);
      expect((await errorOf(response)).code).toBe('upstream_error');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('streaming', () => {
  it('hands the browser each event as soon as the upstream sends it, before the upstream has sent the rest', async () => {
    const rest = latch();
    upstream.handle(async (_req, res) => {
      openEventStream(res);
      res.write(sseEvent({ type: 'thread.created', n: 1 }));
      await rest.promise;
      res.end(sseEvent({ type: 'thread.updated', n: 2 }));
    });
    const response = await proxy().POST(chatRequest());
    const reader = response.body!.getReader();
    // The upstream is still holding its second event: the first can only come through unbuffered.
    expect(await nextText(reader)).toBe(sseEvent({ type: 'thread.created', n: 1 }));
    rest.release();
    expect(await nextText(reader)).toBe(sseEvent({ type: 'thread.updated', n: 2 }));
    expect((await reader.read()).done).toBe(true);
  });

  it('closes the upstream connection when the browser aborts mid-stream (Stop, a closed tab)', async () => {
    upstream.handle((_req, res) => {
      openEventStream(res);
      res.write(sseEvent({ type: 'thread.created' }));
      // …and the reply would go on for a long time.
    });
    const abort = new AbortController();
    const response = await proxy().POST(chatRequest({ signal: abort.signal }));
    const reader = response.body!.getReader();
    await nextText(reader);
    abort.abort();
    expect(await upstream.requests[0]!.closed).toBe(true);
  });

  it('closes the upstream connection when the runtime cancels the response body (how Next.js drops a gone client)', async () => {
    upstream.handle((_req, res) => {
      openEventStream(res);
      res.write(sseEvent({ type: 'thread.created' }));
    });
    const response = await proxy().POST(chatRequest());
    const reader = response.body!.getReader();
    await nextText(reader);
    await reader.cancel();
    expect(await upstream.requests[0]!.closed).toBe(true);
  });

  it('answers 499 without calling the upstream when the browser has already gone', async () => {
    const abort = new AbortController();
    abort.abort();
    const response = await proxy().POST(chatRequest({ signal: abort.signal }));
    expect(response.status).toBe(499);
    expect(upstream.requests).toHaveLength(0);
  });
});
