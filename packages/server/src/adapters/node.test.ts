import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeListener, type FetchHandler, type NodeListenerOptions } from './node.js';

const encoder = new TextEncoder();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handler: FetchHandler, options?: NodeListenerOptions): Promise<string> {
  const server = createServer(createNodeListener(handler, options));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function readAll(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
}

const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

describe('node adapter', () => {
  it('streams the request body to the handler while the client is still sending', async () => {
    const firstChunk = deferred<string>();
    const url = await listen(async (request) => {
      const reader = request.body!.getReader();
      const decoder = new TextDecoder();
      const first = await reader.read();
      let text = decoder.decode(first.value, { stream: true });
      firstChunk.resolve(text);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return Response.json({ text, method: request.method, url: request.url, header: request.headers.get('x-test') });
    });

    const req = httpRequest(`${url}/upload?x=1`, {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked', 'x-test': 'yes' },
    });
    const response = once(req, 'response') as Promise<[IncomingMessage]>;
    req.write('hello ');
    // The handler has the first chunk although the request is not finished yet.
    expect(await firstChunk.promise).toBe('hello ');
    req.end('world');

    const [res] = await response;
    expect(JSON.parse(await readAll(res))).toEqual({
      text: 'hello world',
      method: 'POST',
      url: `${url}/upload?x=1`,
      header: 'yes',
    });
  });

  it('a client that disconnects mid-upload fails the body read with an AbortError and aborts request.signal', async () => {
    const outcome = deferred<{ error: string; aborted: boolean }>();
    const received = deferred();
    const url = await listen(async (request) => {
      const reader = request.body!.getReader();
      try {
        await reader.read();
        received.resolve();
        for (;;) if ((await reader.read()).done) break;
        outcome.resolve({ error: 'none', aborted: request.signal.aborted });
      } catch (error) {
        outcome.resolve({ error: (error as Error).name, aborted: request.signal.aborted });
      }
      return new Response(null, { status: 204 });
    });

    const req = httpRequest(url, { method: 'POST', headers: { 'content-length': '100' } });
    req.on('error', () => {});
    req.write('partial');
    await received.promise;
    req.destroy();
    expect(await outcome.promise).toEqual({ error: 'AbortError', aborted: true });
  });

  it('a request without a body has a null body', async () => {
    const url = await listen(async (request) => Response.json({ body: request.body === null }));
    const res = await fetch(`${url}/x`);
    expect(await res.json()).toEqual({ body: true });
  });

  it('sends SSE headers at once and each chunk as soon as it is produced', async () => {
    let source!: ReadableStreamDefaultController<Uint8Array>;
    const url = await listen(
      async () => new Response(new ReadableStream<Uint8Array>({ start: (c) => void (source = c) }), { headers: sseHeaders }),
    );

    // `fetch` resolves on headers: nothing has been produced yet, so they were flushed up front.
    const res = await fetch(url, { method: 'POST', body: '{}' });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();

    source.enqueue(encoder.encode('data: {"n":1}\n\n'));
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: {"n":1}\n\n');

    source.enqueue(encoder.encode('data: {"n":2}\n\n'));
    source.close();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
    }
    expect(rest).toBe('data: {"n":2}\n\n');
  });

  it('a client disconnect aborts request.signal and cancels the response stream', async () => {
    const aborted = deferred();
    const cancelled = deferred<unknown>();
    const url = await listen(async (request) => {
      request.signal.addEventListener('abort', () => aborted.resolve());
      const body = new ReadableStream<Uint8Array>({
        start: (c) => c.enqueue(encoder.encode('data: {"n":1}\n\n')),
        cancel: (reason) => cancelled.resolve(reason),
      });
      return new Response(body, { headers: sseHeaders });
    });

    const client = new AbortController();
    const res = await fetch(url, { method: 'POST', body: '{}', signal: client.signal });
    const reader = res.body!.getReader();
    await reader.read();
    client.abort();

    await aborted.promise;
    await cancelled.promise;
  });

  it('a slow client holds the producer back instead of buffering the whole body', async () => {
    let pulls = 0;
    const cancelled = deferred();
    const url = await listen(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>(
            {
              pull(c) {
                pulls += 1;
                if (pulls > 200) c.close();
                else c.enqueue(new Uint8Array(1024 * 1024));
              },
              cancel: () => cancelled.resolve(),
            },
            { highWaterMark: 0 },
          ),
        ),
    );

    const req = httpRequest(url);
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    res.pause();
    await sleep(300);
    // Only what fits in the socket buffers was produced, not all 200 MiB.
    expect(pulls).toBeGreaterThan(0);
    expect(pulls).toBeLessThan(50);

    req.destroy();
    await cancelled.promise;
  });

  it('a handler that answers before reading the body (a 413) is heard by a client still sending it, and the connection stays usable', async () => {
    const url = new URL(
      await listen(async (request) =>
        request.headers.get('content-length') === '0' ? new Response('second') : new Response('too large', { status: 413 }),
      ),
    );
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (received += text));
    const total = 9 * 1024 * 1024;
    socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${total}\r\n\r\n`);
    // Slower than the answer: most of the body arrives after the 413 went out.
    const chunk = new Uint8Array(512 * 1024).fill(120);
    for (let sent = 0; sent < total; sent += chunk.byteLength) {
      await sleep(5);
      expect(socket.destroyed).toBe(false);
      socket.write(chunk);
    }
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    await expect.poll(() => received, { timeout: 5000 }).toContain('second');
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    socket.destroy();
  });

  it('a client that keeps sending an unread body past the drain limit is cut off', async () => {
    const url = new URL(await listen(async () => new Response('too large', { status: 413 })));
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${1024 * 1024 * 1024}\r\n\r\n`);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    while (!socket.destroyed && sent < 200 * 1024 * 1024) {
      if (!socket.write(chunk)) await Promise.race([once(socket, 'drain'), closed]).catch(() => {});
      sent += chunk.byteLength;
    }
    await closed;
    expect(sent).toBeLessThan(200 * 1024 * 1024);
  });

  it('a thrown handler error becomes a 500 JSON error without a stack trace', async () => {
    const logged: unknown[] = [];
    const url = await listen(
      async () => {
        throw new Error('database password is hunter2');
      },
      { logger: { error: (message, details) => logged.push({ message, details }) } },
    );

    const res = await fetch(`${url}/chatkit`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"error":{"code":"internal","message":"Internal server error"}}');
    expect(logged).toHaveLength(1);
  });

  it('a response body that fails midway breaks the connection instead of ending cleanly', async () => {
    const url = await listen(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(encoder.encode('data: {"n":1}\n\n'));
              setTimeout(() => c.error(new Error('boom')), 20);
            },
          }),
          { headers: sseHeaders },
        ),
      { logger: { error: () => {} } },
    );
    const res = await fetch(url, { method: 'POST', body: '{}' });
    await expect(res.text()).rejects.toThrow();
  });

  it('a response body that fails before its first byte is a 500 JSON error', async () => {
    const url = await listen(
      async () =>
        new Response(new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error('boom')) }), {
          headers: { 'content-type': 'text/plain', 'content-length': '10' },
        }),
      { logger: { error: () => {} } },
    );
    const res = await fetch(url);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"error":{"code":"internal","message":"Internal server error"}}');
  });

  it('passes status, headers and every Set-Cookie through', async () => {
    const url = await listen(async () => {
      const headers = new Headers({ 'x-one': '1' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response('created', { status: 201, headers });
    });

    const req = httpRequest(url, { method: 'PUT', headers: { 'content-length': '0' } });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-one']).toBe('1');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await readAll(res)).toBe('created');
  });
});
