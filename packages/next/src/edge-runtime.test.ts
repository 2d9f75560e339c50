import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { bundleForEdge } from '@chatwire/test-support/edge-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openEventStream, sseEvent, startUpstream, type UpstreamServer } from './test-support/upstream-server.js';

/**
 * `@chatwire/next` on an edge runtime (Next's `export const runtime = 'edge'`, workers): its
 * entry bundles for a browser-like platform with no Node builtin, and inside `@edge-runtime/vm`
 * (no `process`, no `Buffer`, no Node modules) the proxy refuses an anonymous request and streams
 * a reply from a real upstream over the VM's own `fetch`.
 */

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const TOKEN = 'edge.header.token';

const Outcome = z.object({
  globals: z.array(z.string()),
  anonymous: z.object({ status: z.number(), challenge: z.string().nullable() }),
  streamed: z.object({ status: z.number(), type: z.string().nullable(), isResponse: z.boolean(), body: z.string() }),
});

let upstream: UpstreamServer;
let code: string;

beforeAll(async () => {
  upstream = await startUpstream();
  code = await bundleForEdge(source('./index.ts'), {
    name: 'ChatwireNext',
    aliases: [
      { find: /^@chatwire\/auth\/web$/, replacement: source('../../auth/src/web.ts') },
      { find: /^@chatwire\/(protocol|server)$/, replacement: source('../../$1/src/index.ts') },
    ],
  });
}, 60_000);
afterAll(() => upstream?.close());

describe('@chatwire/next in an edge runtime', () => {
  it('bundles without any Node builtin, Buffer or process', () => {
    expect(code).toContain('createChatKitProxy');
    const lines = code.split('\n').filter((line) => !/^\s*\/\//.test(line));
    expect(lines.filter((line) => /\bBuffer\b|(?<![.\w$])process\s*[.[]/.test(line))).toEqual([]);
  });

  it('answers 401 without a cookie and streams a reply with the cookie turned into Bearer, on the VM’s own fetch', async () => {
    upstream.handle((_req, res) => {
      openEventStream(res);
      res.end(sseEvent({ type: 'thread.created', from: 'upstream' }));
    });
    const vm = new EdgeVM();
    vm.evaluate(code);
    const scenario = `(async () => {
      const proxy = ChatwireNext.createChatKitProxy({
        upstream: ${JSON.stringify(upstream.origin)},
        cookieName: 'sid',
        logger: { error() {}, warn() {}, info() {} },
      });
      const post = (cookie) => new Request('https://site.example/chatkit', {
        method: 'POST',
        headers: { origin: 'https://site.example', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: '{"type":"threads.list","params":{}}',
      });
      const anonymous = await proxy.POST(post());
      const streamed = await proxy.POST(post('sid=${TOKEN}'));
      return JSON.stringify({
        globals: [typeof process, typeof Buffer, typeof require],
        anonymous: { status: anonymous.status, challenge: anonymous.headers.get('www-authenticate') },
        streamed: { status: streamed.status, type: streamed.headers.get('content-type'), isResponse: streamed instanceof Response, body: await streamed.text() },
      });
    })()`;
    const outcome = Outcome.parse(JSON.parse(await vm.evaluate<Promise<string>>(scenario)));
    expect(outcome.globals).toEqual(['undefined', 'undefined', 'undefined']);
    expect(outcome.anonymous).toEqual({ status: 401, challenge: 'Bearer realm="chatwire"' });
    expect(outcome.streamed).toEqual({
      status: 200,
      type: 'text/event-stream',
      isResponse: true,
      body: sseEvent({ type: 'thread.created', from: 'upstream' }),
    });
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
