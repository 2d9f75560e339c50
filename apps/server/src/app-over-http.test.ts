import { readSseData } from '@chatwire/protocol';
import { parseEvent } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_START_TIMEOUT_MS, startApp, type RunningApp } from './test-support/app-harness.js';
import { echoResponder } from './test-support/echo-responder.js';

let running: RunningApp;
let base = '';
let token = '';

beforeAll(async () => {
  // The echo responder: this is about the transport; the assistant over HTTP is in assistant.test.ts.
  running = await startApp({}, { responder: (store) => echoResponder(store) });
  base = running.base;
  token = await running.login('over-http');
}, APP_START_TIMEOUT_MS);

afterAll(() => running.close());

describe('the app over real HTTP', () => {
  it('serves threads.create as an unbuffered SSE stream', async () => {
    const res = await fetch(`${base}/chatkit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
    for await (const data of readSseData(res.body!)) types.push(parseEvent(data).type);
    expect(types[0]).toBe('thread.created');
    expect(types.at(-1)).toBe('thread.item.done');
    expect(types.filter((type) => type === 'thread.item.updated').length).toBeGreaterThanOrEqual(5);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
