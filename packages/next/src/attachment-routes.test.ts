import { silentLogger } from '@chatwire/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatKitProxy } from './create-chatkit-proxy.js';
import type { ChatKitProxyOptions } from './proxy-options.js';
import { json, openEventStream, sseEvent, startUpstream, type UpstreamServer } from './test-support/upstream-server.js';

/**
 * The attachment routes of `createChatKitProxy` and the attachment URLs in chat answers, against
 * a real HTTP upstream laid out as the Chatwire app (`/chatkit`, `/chatkit/attachments/{id}[/upload]`).
 */

const SITE = 'http://docs.example.test';
const TOKEN = 'header.payload.signature';
const ID = 'atc_0123456789abcdef';

let upstream: UpstreamServer;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
});

function proxy(options: Partial<ChatKitProxyOptions> = {}) {
  return createChatKitProxy({ upstream: `${upstream.origin}/chatkit`, cookieName: 'sid', logger: silentLogger, ...options });
}

function request(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Request {
  return new Request(`${SITE}${path}`, {
    method,
    headers: { cookie: `sid=${TOKEN}`, ...init.headers },
    body: init.body,
    duplex: 'half',
  } as RequestInit);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function byteStream(chunks: number, chunkSize: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) return controller.close();
      controller.enqueue(new Uint8Array(chunkSize).fill(sent % 256));
    },
  });
}

describe('uploads', () => {
  it('stream the body to the upstream upload route with the token, and answer what it answers', async () => {
    upstream.handle(async (_req, res, record) => {
      await record.body;
      json(res, 200, { id: ID, type: 'file', name: 'notes.txt', mime_type: 'text/plain' });
    });
    const response = await proxy().attachments.PUT(
      request('PUT', `/chatkit/attachments/${ID}/upload`, {
        headers: { origin: SITE, 'content-type': 'text/plain' },
        body: byteStream(8, 1024),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: ID });
    const [received] = upstream.requests;
    expect(received).toMatchObject({ method: 'PUT', path: `/chatkit/attachments/${ID}/upload` });
    expect(received!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received!.headers.cookie).toBeUndefined();
    expect((await received!.body).byteLength).toBe(8 * 1024);
  });

  it('stop a body that grows past maxUploadBytes with 413, cutting the upstream request off', async () => {
    upstream.handle(async (_req, res, record) => {
      await record.body;
      if (!res.destroyed) json(res, 200, {});
    });
    // The first 3 KiB go out at once; the rest only once the upstream is receiving them.
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent > 0) await until(() => upstream.requests.length === 1);
        if (sent++ === 64) return controller.close();
        controller.enqueue(new Uint8Array(sent === 1 ? 3072 : 1024));
      },
    });
    const response = await proxy({ maxUploadBytes: 4096 }).attachments.POST(
      request('POST', `/chatkit/attachments/${ID}/upload`, { headers: { origin: SITE }, body }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const [received] = upstream.requests;
    expect(await received!.closed).toBe(true);
    expect((await received!.body).byteLength).toBeLessThanOrEqual(4096);
  });

  it('refuse a declared Content-Length over maxUploadBytes before the upstream hears of it', async () => {
    const response = await proxy({ maxUploadBytes: 10 }).attachments.PUT(
      request('PUT', `/chatkit/attachments/${ID}/upload`, { headers: { origin: SITE }, body: 'far more than ten bytes' }),
    );
    expect(response.status).toBe(413);
    expect(upstream.requests).toHaveLength(0);
  });

  it('are refused from another origin (403) and without a session (401)', async () => {
    const foreign = await proxy().attachments.PUT(
      request('PUT', `/chatkit/attachments/${ID}/upload`, { headers: { origin: 'https://evil.example' }, body: 'x' }),
    );
    expect(foreign.status).toBe(403);
    const anonymous = await proxy().attachments.PUT(
      request('PUT', `/chatkit/attachments/${ID}/upload`, { headers: { origin: SITE, cookie: '' }, body: 'x' }),
    );
    expect(anonymous.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('downloads', () => {
  it('stream the bytes with their content headers, and nothing the upstream should keep to itself', async () => {
    const bytes = Buffer.from('PNG…pretend image bytes');
    upstream.handle((_req, res) => {
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': bytes.byteLength,
        'content-disposition': `inline; filename="chart.png"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private',
        'content-security-policy': "default-src 'none'; sandbox",
        'set-cookie': 'tracking=1',
      });
      res.end(bytes);
    });
    // An <img> on the site's own page: no Origin, but the browser vouches for it.
    const response = await proxy().attachments.GET(
      request('GET', `/chatkit/attachments/${ID}`, { headers: { 'sec-fetch-site': 'same-origin' } }),
    );
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'image/png',
      'content-length': String(bytes.byteLength),
      'content-disposition': `inline; filename="chart.png"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: `/chatkit/attachments/${ID}` });
  });

  it('pass the upstream’s 404 through as JSON', async () => {
    upstream.handle((_req, res) => json(res, 404, { error: { code: 'not_found', message: 'Attachment not found' } }));
    const response = await proxy().attachments.GET(request('GET', `/chatkit/attachments/${ID}`, { headers: { origin: SITE } }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Attachment not found' } });
  });

  it('are refused to a cross-site request (a link on another site), even with the cookie', async () => {
    const response = await proxy().attachments.GET(
      request('GET', `/chatkit/attachments/${ID}`, { headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expect(response.status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('paths', () => {
  it('answer 404 for anything that is not an attachment id, without asking the upstream', async () => {
    for (const path of [
      '/chatkit/attachments/..%2F..%2Fetc%2Fpasswd',
      '/chatkit/attachments/%E0%A4%A',
      '/chatkit/attachments/a.b',
    ]) {
      const response = await proxy().attachments.GET(request('GET', path, { headers: { origin: SITE } }));
      expect(response.status, path).toBe(404);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('answer 405 naming the methods a path takes', async () => {
    const upload = await proxy().attachments.GET(
      request('GET', `/chatkit/attachments/${ID}/upload`, { headers: { origin: SITE } }),
    );
    expect(upload.status).toBe(405);
    expect(upload.headers.get('allow')).toBe('PUT, POST');
    const download = await proxy().attachments.PUT(
      request('PUT', `/chatkit/attachments/${ID}`, { headers: { origin: SITE }, body: 'x' }),
    );
    expect(download.status).toBe(405);
    expect(download.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('attachment URLs in chat answers', () => {
  const created = (origin: string) => ({
    id: ID,
    type: 'image',
    name: 'chart.png',
    mime_type: 'image/png',
    upload_descriptor: { url: `${origin}/chatkit/attachments/${ID}/upload`, method: 'PUT', headers: {} },
    preview_url: `${origin}/chatkit/attachments/${ID}`,
  });
  const chat = (body: unknown) =>
    new Request(`${SITE}/chatkit`, {
      method: 'POST',
      headers: { origin: SITE, cookie: `sid=${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('point at this site’s attachment routes, so the browser uploads and previews through the proxy', async () => {
    upstream.handle((_req, res) => json(res, 200, created(upstream.origin)));
    const response = await proxy().POST(
      chat({ type: 'attachments.create', params: { name: 'chart.png', size: 3, mime_type: 'image/png' } }),
    );
    expect(await response.json()).toEqual(created(SITE));
    expect(response.headers.get('content-length')).toBeNull();
  });

  it('point there inside a stream too, event by event, and follow a configured attachmentsPath', async () => {
    const item = { type: 'thread.item.done', item: { type: 'user_message', attachments: [created(upstream.origin)] } };
    upstream.handle((_req, res) => {
      openEventStream(res);
      res.write(sseEvent(item));
      res.end(sseEvent({ type: 'thread.updated' }));
    });
    const response = await proxy({ attachmentsPath: '/api/files' }).POST(
      chat({ type: 'threads.get_by_id', params: { thread_id: 'thr_1' } }),
    );
    const text = await response.text();
    expect(text).toContain(`"preview_url":"${SITE}/api/files/${ID}"`);
    expect(text).not.toContain(upstream.origin);
  });

  it('stay as the upstream sent them with attachmentsPath: false, and other URLs are never touched', async () => {
    const elsewhere = {
      ...created(upstream.origin),
      note: `see ${upstream.origin}/chatkit/attachments/${ID}`,
      doc: `${upstream.origin}/docs`,
    };
    upstream.handle((_req, res) => json(res, 200, elsewhere));
    expect(await (await proxy({ attachmentsPath: false }).POST(chat({ type: 'attachments.create' }))).json()).toEqual(elsewhere);
    const rewritten = (await (await proxy().POST(chat({ type: 'attachments.create' }))).json()) as typeof elsewhere;
    expect(rewritten.note).toBe(elsewhere.note);
    expect(rewritten.doc).toBe(elsewhere.doc);
  });
});
