import type { ThreadStreamEvent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { ChatKitClient } from './chatkit-client.js';
import { ChatKitHttpError, ChatKitNetworkError, ProtocolError } from './errors.js';
import type { InvalidEvent } from './event-stream.js';
import { assistantMessage, deferred, done, streamText, untilAborted } from '@chatwire/test-support/transcripts';
import { inProcessServer } from '@chatwire/test-support/server-fetch';

const URL = 'http://chatwire.test/chatkit';
const input = (text: string) => ({ content: [{ type: 'input_text' as const, text }], attachments: [], inference_options: {} });

async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const all: ThreadStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function sseResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('ChatKitClient against the real server', () => {
  it('streams a reply as parsed events, exactly the ones the server sent', async () => {
    const harness = inProcessServer({ respond: (thread) => streamText(thread.id, 'reply', ['Hi', ' there']) });
    const client = new ChatKitClient({ url: URL, fetch: harness.fetch });
    const events = await collect(await client.createThread({ input: input('Hello') }));
    expect(events).toEqual(harness.transcript());
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
  });

  it('JSON answers come back parsed: thread, lists, rename, feedback, delete', async () => {
    const harness = inProcessServer({ respond: (thread) => streamText(thread.id, 'reply', ['Hi']) });
    const client = new ChatKitClient({ url: URL, fetch: harness.fetch });
    const [created] = await collect(await client.createThread({ input: input('Hello') }));
    const threadId = created?.type === 'thread.created' ? created.thread.id : '';
    const thread = await client.getThread({ thread_id: threadId });
    expect(thread.items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect((await client.listThreads()).data.map((t) => t.id)).toEqual([threadId]);
    expect((await client.listItems({ thread_id: threadId, limit: 1 })).data.map((item) => item.id)).toEqual(['reply']);
    expect(await client.updateThread({ thread_id: threadId, title: 'Renamed' })).toMatchObject({
      id: threadId,
      title: 'Renamed',
    });
    await client.sendFeedback({ thread_id: threadId, item_ids: ['reply'], kind: 'negative' });
    await client.deleteThread({ thread_id: threadId });
    expect((await client.listThreads()).data).toEqual([]);
  });

  it('headers, locale and metadata (function and per request) reach the server', async () => {
    const harness = inProcessServer();
    const client = new ChatKitClient({
      url: URL,
      fetch: harness.fetch,
      headers: async () => ({ Authorization: 'Bearer token-1' }),
      metadata: () => ({ userInfo: { name: 'Ada' }, pageContext: { title: 'Docs' } }),
      locale: 'de-DE',
    });
    await client.listThreads({}, { metadata: { pageContext: { title: 'Pricing' } } });
    expect(harness.received[0]).toMatchObject({
      type: 'threads.list',
      params: {},
      metadata: { userInfo: { name: 'Ada' }, pageContext: { title: 'Pricing' } },
      headers: { authorization: 'Bearer token-1', 'accept-language': 'de-DE', 'content-type': 'application/json' },
    });
  });
});

describe('HTTP errors', () => {
  it('a missing thread is a 404 ChatKitHttpError, before any stream opens', async () => {
    const client = new ChatKitClient({ url: URL, fetch: inProcessServer().fetch });
    const error = await rejection(client.addUserMessage({ thread_id: 'thr_missing', input: input('Hi') }));
    expect(error).toBeInstanceOf(ChatKitHttpError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('an invalid request is a 400 whose message names the field', async () => {
    const client = new ChatKitClient({ url: URL, fetch: inProcessServer().fetch });
    const error = await rejection(client.listItems({ thread_id: '' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('params.thread_id') });
  });

  it('a client tool output with no pending call is a 409', async () => {
    const harness = inProcessServer({ respond: (thread) => streamText(thread.id, 'reply', ['Hi']) });
    const client = new ChatKitClient({ url: URL, fetch: harness.fetch });
    const [created] = await collect(await client.createThread({ input: input('Hello') }));
    const threadId = created?.type === 'thread.created' ? created.thread.id : '';
    const error = await rejection(client.addClientToolOutput({ thread_id: threadId, result: null }));
    expect(error).toMatchObject({ status: 409, code: 'no_pending_tool_call' });
  });

  it('a body over the server limit is a 413', async () => {
    const client = new ChatKitClient({ url: URL, fetch: inProcessServer({ options: { maxBodyBytes: 1_000 } }).fetch });
    const error = await rejection(client.createThread({ input: input('x'.repeat(2_000)) }));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('a 429 carries Retry-After as seconds (delta or HTTP date)', async () => {
    const limited = (retryAfter: string) =>
      new ChatKitClient({
        url: URL,
        fetch: async () =>
          Response.json(
            { error: { code: 'rate_limited', message: 'Too many requests' } },
            { status: 429, headers: { 'Retry-After': retryAfter } },
          ),
      });
    expect(await rejection(limited('7').listThreads())).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 7 });
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const dated = (await rejection(limited(inAMinute).listThreads())) as ChatKitHttpError;
    expect(dated.retryAfter).toBeGreaterThan(50);
    expect(dated.retryAfter).toBeLessThanOrEqual(60);
  });

  it('an error page that is not the JSON error shape still becomes a ChatKitHttpError', async () => {
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    expect(await rejection(client.listThreads())).toMatchObject({
      status: 502,
      code: 'http_502',
      message: '<html>Bad gateway</html>',
    });
  });

  it('a fetch that fails is a ChatKitNetworkError', async () => {
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const error = await rejection(client.listThreads());
    expect(error).toBeInstanceOf(ChatKitNetworkError);
    expect(error).toMatchObject({ message: expect.stringContaining('fetch failed') });
  });
});

describe('answers that break the protocol', () => {
  it('a JSON answer of the wrong shape is a ProtocolError naming the field', async () => {
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => Response.json({ data: [{ id: 'thr_1' }], has_more: false }),
    });
    const error = await rejection(client.listThreads());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ message: expect.stringMatching(/threads\.list.*data\.0\.created_at/) });
  });

  it('a JSON answer where a stream was expected is a ProtocolError', async () => {
    const client = new ChatKitClient({ url: URL, fetch: async () => Response.json({}) });
    expect(await rejection(client.createThread({ input: input('Hi') }))).toBeInstanceOf(ProtocolError);
  });

  it('unknown or broken events are reported and skipped; the stream goes on', async () => {
    const invalid: InvalidEvent[] = [];
    const body = [
      'data: {"type":"progress_update","text":"Working"}',
      'data: {"type":"future.event","payload":1}',
      'data: not json',
      ': keep-alive',
      'data: {"type":"notice","level":"info"}',
      'data: {"type":"notice","level":"info","message":"Done"}',
      '',
    ].join('\n\n');
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => sseResponse(body),
      onInvalidEvent: (event) => invalid.push(event),
    });
    const events = await collect(await client.addUserMessage({ thread_id: 'thr_1', input: input('Hi') }));
    expect(events).toEqual([
      { type: 'progress_update', text: 'Working' },
      { type: 'notice', level: 'info', message: 'Done' },
    ]);
    expect(invalid.map((event) => event.data)).toEqual([
      '{"type":"future.event","payload":1}',
      'not json',
      '{"type":"notice","level":"info"}',
    ]);
    expect(invalid[2]?.reason).toMatch(/^message:/);
  });
});

describe('keep-alive comments', () => {
  it("a slow server's `: ping` comments between events are skipped; the events are exactly the ones sent", async () => {
    const harness = inProcessServer({
      options: { keepAliveMs: 20 },
      async *respond(thread) {
        const pieces = streamText(thread.id, 'reply', ['Hi', ' there']);
        for await (const event of pieces) {
          if (event.type === 'thread.item.done') await new Promise((resolve) => setTimeout(resolve, 150));
          yield event;
        }
      },
    });
    let bytes = '';
    const decoder = new TextDecoder();
    const watched: typeof fetch = async (request, init) => {
      const response = await harness.fetch(request, init);
      const body = response.body!.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            bytes += decoder.decode(chunk, { stream: true });
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const client = new ChatKitClient({ url: URL, fetch: watched });

    const events = await collect(await client.createThread({ input: input('Hello') }));

    expect(bytes).toContain(': ping\n\n');
    expect(events).toEqual(harness.transcript());
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'Hi there' }] } });
  });

  it('a comment split across chunks, or between the lines of an event, is skipped too', async () => {
    const encoder = new TextEncoder();
    const chunks = [
      ': pi',
      'ng\n\ndata: {"type":"progress_update",',
      '"text":"Working"}\n',
      ': ping\n\n',
      ': ping\n\ndata: {"type":"notice",',
      '"level":"info","message":"Done"}\n\n: ping\n\n',
    ];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    });

    const events = await collect(await client.addUserMessage({ thread_id: 'thr_1', input: input('Hi') }));

    expect(events).toEqual([
      { type: 'progress_update', text: 'Working' },
      { type: 'notice', level: 'info', message: 'Done' },
    ]);
  });
});

describe('a stream that breaks', () => {
  it('ends the iteration with a ChatKitNetworkError after the events that arrived', async () => {
    const encoder = new TextEncoder();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode('data: {"type":"progress_update","text":"Working"}\n\n'));
        } else {
          controller.error(new TypeError('network connection was lost'));
        }
      },
    });
    const client = new ChatKitClient({
      url: URL,
      fetch: async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of await client.addUserMessage({ thread_id: 'thr_1', input: input('Hi') })) seen.push(event.type);
      })(),
    );
    expect(seen).toEqual(['progress_update']);
    expect(error).toBeInstanceOf(ChatKitNetworkError);
    expect(error).toMatchObject({ message: expect.stringContaining('network connection was lost') });
  });
});

describe('aborting a stream', () => {
  it('stops the iteration with an AbortError and the server sees the abort', async () => {
    const serverSawAbort = deferred();
    const harness = inProcessServer({
      async *respond(thread, _input, _context, run) {
        yield done(assistantMessage(thread.id, 'first', 'First part'));
        await untilAborted(run.signal);
        serverSawAbort.resolve();
      },
    });
    const client = new ChatKitClient({ url: URL, fetch: harness.fetch });
    const abort = new AbortController();
    const seen: string[] = [];
    const events = await client.createThread({ input: input('Hello') }, { signal: abort.signal });
    const error = await rejection(
      (async () => {
        for await (const event of events) {
          seen.push(event.type);
          if (event.type === 'thread.item.done' && event.item.type === 'assistant_message') abort.abort();
        }
      })(),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.item.done']);
    await serverSawAbort.promise;
  });

  it('breaking out of the loop cancels the response body, which stops the reply on the server', async () => {
    const serverSawAbort = deferred();
    const harness = inProcessServer({
      async *respond(thread, _input, _context, run) {
        yield done(assistantMessage(thread.id, 'first', 'First part'));
        await untilAborted(run.signal);
        serverSawAbort.resolve();
      },
    });
    const client = new ChatKitClient({ url: URL, fetch: harness.fetch });
    for await (const event of await client.createThread({ input: input('Hello') })) {
      if (event.type === 'thread.item.done' && event.item.type === 'assistant_message') break;
    }
    await serverSawAbort.promise;
  });
});
