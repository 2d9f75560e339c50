import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSseData } from '@chatwire/protocol';
import { silentLogger } from '@chatwire/server';
import { createNodeListener } from '@chatwire/server/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const app = createApp({ port: 0, host: '127.0.0.1' }, { logger: silentLogger });
const server = createServer(createNodeListener((request) => app.fetch(request), { logger: silentLogger }));
let base = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

describe('the app over real HTTP', () => {
  it('serves threads.create as an unbuffered SSE stream', async () => {
    const res = await fetch(`${base}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'threads.create',
        params: { input: { content: [{ type: 'input_text', text: 'over the wire' }], attachments: [], inference_options: {} } },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');

    const types: string[] = [];
    for await (const data of readSseData(res.body!)) types.push((JSON.parse(data) as { type: string }).type);
    expect(types[0]).toBe('thread.created');
    expect(types.at(-1)).toBe('thread.item.done');
    expect(types.filter((type) => type === 'thread.item.updated').length).toBeGreaterThanOrEqual(5);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
