import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { bundleForEdge } from '@chatwire/test-support/edge-bundle';
import type { Plugin } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonResponse, parseSse } from './testing/index.js';

/**
 * `@chatwire/server` runs on Web APIs alone: its main entry, bundled with protocol and zod for a
 * browser-like platform with no Node polyfills, runs `handle()` inside an edge runtime, which has
 * no `process`, no `Buffer` and no Node modules.
 */

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** A module that uses a Node builtin, to show the build refuses it. */
const USES_NODE = 'virtual-uses-node.ts';
const usesNode: Plugin = {
  name: 'uses-node',
  // Vite resolves a library entry against its root first, so match the end of the id.
  resolveId: (id) => (id.endsWith(USES_NODE) ? `\0${USES_NODE}` : null),
  load: (id) => (id === `\0${USES_NODE}` ? "import { createHash } from 'node:crypto';\nexport const hash = createHash;\n" : null),
};

/** The entry as one IIFE script that defines the global `Chatwire`. */
function bundle(entry: string): Promise<string> {
  return bundleForEdge(entry, {
    name: 'Chatwire',
    aliases: [{ find: /^@chatwire\/protocol$/, replacement: source('../../protocol/src/index.ts') }],
    plugins: [usesNode],
  });
}

/** Runs inside the VM: a handler over MemoryStore with a scripted reply, called with VM-side Requests. */
const SCENARIO = `(async () => {
  const { createChatKitHandler, MemoryStore, silentLogger } = Chatwire;
  const chatkit = createChatKitHandler({
    store: new MemoryStore(),
    logger: silentLogger,
    async *respond(thread, input) {
      const asked = input.content.map((part) => part.text).join('');
      const item = { id: 'msg_edge', thread_id: thread.id, created_at: new Date().toISOString(), type: 'assistant_message' };
      yield { type: 'thread.item.added', item: { ...item, content: [] } };
      for (const delta of ['Hello', ' from the edge: ', asked]) {
        yield { type: 'thread.item.updated', item_id: 'msg_edge', update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta } };
      }
      const text = 'Hello from the edge: ' + asked;
      yield { type: 'thread.item.done', item: { ...item, content: [{ type: 'output_text', text, annotations: [] }] } };
    },
  });
  const context = { userId: 'edge-user' };
  const post = (body) => new Request('https://edge.example/chatkit', { method: 'POST', body: JSON.stringify(body) });

  const input = { content: [{ type: 'input_text', text: 'héllo' }], attachments: [], inference_options: {} };
  const created = await chatkit.handle(post({ type: 'threads.create', params: { input } }), context);
  const reader = created.body.getReader();
  const decoder = new TextDecoder();
  let sse = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    sse += decoder.decode(value, { stream: true });
  }
  const listed = await chatkit.handle(post({ type: 'threads.list', params: {} }), context);
  return JSON.stringify({
    globals: [typeof process, typeof Buffer, typeof require],
    created: { status: created.status, type: created.headers.get('content-type'), isResponse: created instanceof Response, chunks, sse },
    listed: { status: listed.status, type: listed.headers.get('content-type'), json: await listed.text() },
  });
})()`;

/** What the scenario reports back across the VM boundary. */
const Outcome = z.object({
  globals: z.array(z.string()),
  created: z.object({
    status: z.number(),
    type: z.string().nullable(),
    isResponse: z.boolean(),
    chunks: z.number(),
    sse: z.string(),
  }),
  listed: z.object({ status: z.number(), type: z.string().nullable(), json: z.string() }),
});

let code: string;

beforeAll(async () => {
  code = await bundle(source('./index.ts'));
}, 60_000);

describe('@chatwire/server in an edge runtime', () => {
  it('bundles for the browser platform without any Node builtin, Buffer or process', () => {
    expect(code).toContain('createChatKitHandler');
    // Comments are stripped but for the bundler's `// path/to/module.ts` region markers.
    const lines = code.split('\n').filter((line) => !/^\s*\/\//.test(line));
    expect(lines.filter((line) => /\bBuffer\b|(?<![.\w$])process\s*[.[]/.test(line))).toEqual([]);
  });

  it('refuses to bundle a module that imports a Node builtin', async () => {
    await expect(bundle(USES_NODE)).rejects.toThrow(/imports the Node builtin node:crypto/);
  });

  it('handle() streams a threads.create reply and answers threads.list, with VM-side Requests and Responses', async () => {
    const vm = new EdgeVM();
    vm.evaluate(code);
    const { globals, created, listed } = Outcome.parse(JSON.parse(await vm.evaluate<Promise<string>>(SCENARIO)));

    expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
    expect(created).toMatchObject({ status: 200, type: 'text/event-stream', isResponse: true });
    expect(created.chunks).toBeGreaterThan(0);
    const events = parseSse(created.sse);
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const [threadCreated, userMessage, , , , , , reply] = events;
    expect(userMessage).toMatchObject({ type: 'thread.item.done', item: { type: 'user_message', content: [{ text: 'héllo' }] } });
    expect(events[2]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });
    expect(reply).toMatchObject({
      type: 'thread.item.done',
      item: { id: 'msg_edge', content: [{ type: 'output_text', text: 'Hello from the edge: héllo' }] },
    });
    if (threadCreated?.type !== 'thread.created') throw new Error('the stream did not start with thread.created');
    expect(threadCreated.thread.id).toMatch(/^thr_[0-9a-f]{16}$/);

    expect(listed).toMatchObject({ status: 200, type: 'application/json' });
    expect(parseJsonResponse('threads.list', listed.json).data.map((thread) => thread.id)).toEqual([threadCreated.thread.id]);
  });
});
