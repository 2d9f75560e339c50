import type { AssistantMessageItem, ThreadStreamEvent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput, threadIdOf, type TestContext } from '@chatwire/test-support/hooked-server';
import { MemoryStore } from '../memory-store.js';
import { collectEvents, iterateEvents, parseErrorResponse } from '../testing/index.js';
import { createRateLimiter } from './rate-limiter.js';
import { createStreamLimiter } from './stream-limiter.js';

function assistantMessage(threadId: string, text: string): AssistantMessageItem {
  return {
    id: `msg_${Math.random().toString(16).slice(2)}`,
    thread_id: threadId,
    created_at: new Date().toISOString(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve())));
}

function post(server: ReturnType<typeof makeServer>['server'], body: unknown, context: TestContext) {
  return server.handle(new Request('http://chatwire.test/chatkit', { method: 'POST', body: JSON.stringify(body) }), context);
}

/** A store that records every write, to show that a refused request wrote nothing. */
class RecordingStore extends MemoryStore<TestContext> {
  readonly writes: string[] = [];
  override async saveThread(...args: Parameters<MemoryStore<TestContext>['saveThread']>) {
    this.writes.push('saveThread');
    return super.saveThread(...args);
  }
  override async addThreadItem(...args: Parameters<MemoryStore<TestContext>['addThreadItem']>) {
    this.writes.push('addThreadItem');
    return super.addThreadItem(...args);
  }
  override async saveItem(...args: Parameters<MemoryStore<TestContext>['saveItem']>) {
    this.writes.push('saveItem');
    return super.saveItem(...args);
  }
  override async deleteThreadItem(...args: Parameters<MemoryStore<TestContext>['deleteThreadItem']>) {
    this.writes.push('deleteThreadItem');
    return super.deleteThreadItem(...args);
  }
}

describe('createRateLimiter', () => {
  it('allows a burst of `limit`, then refuses with the seconds until the next request is allowed', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([limiter.take('alice'), limiter.take('alice'), limiter.take('alice')]).toEqual(Array(3).fill({ allowed: true }));
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    // Another user has an allowance of their own.
    expect(limiter.take('bob')).toEqual({ allowed: true });
    now = 19_000;
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 20_000;
    expect(limiter.take('alice')).toEqual({ allowed: true });
    expect(limiter.take('alice')).toMatchObject({ allowed: false });
  });

  it('holds a steady client to `limit` requests per window', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 10, windowMs: 1_000, now: () => now });
    let allowed = 0;
    for (now = 0; now < 10_000; now += 10) if (limiter.take('alice').allowed) allowed++;
    // A full burst at the start, then one every 100 ms.
    expect(allowed).toBe(10 + 99);
  });

  it('refuses a limit that is not a whole number of requests', () => {
    expect(() => createRateLimiter({ limit: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1.5 })).toThrow(RangeError);
  });
});

describe('request limits in the server', () => {
  it('answers a burst past the rate limit with 429 rate_limited and Retry-After, and writes nothing for it', async () => {
    const store = new RecordingStore();
    const { server, context } = makeServer({ store, options: { limits: { requests: createRateLimiter({ limit: 5 }) } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(server, { type: 'threads.list', params: {} }, context)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await post(server, { type: 'threads.create', params: { input: textInput('Hello') } }, context);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(parseErrorResponse(await refused.text()).error).toEqual({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many requests; try again in \d+ s$/),
    });
    expect(store.writes).toEqual([]);
    // Another user is not held back by alice's burst.
    expect((await post(server, { type: 'threads.list', params: {} }, { userId: 'bob' })).status).toBe(200);
  });

  it('refuses a stream past the per-user cap with 429 too_many_streams while JSON requests still answer', async () => {
    const store = new RecordingStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const harness = makeServer({
      store,
      options: { limits: { streams: createStreamLimiter({ maxPerKey: 1 }) } },
      async *respond(thread) {
        await gate;
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'Done') };
      },
    });
    const { server, context } = harness;
    const first = await post(server, { type: 'threads.create', params: { input: textInput('One') } }, context);
    expect(first.status).toBe(200);
    const writesBefore = store.writes.length;

    const second = await post(server, { type: 'threads.create', params: { input: textInput('Two') } }, context);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    expect(parseErrorResponse(await second.text()).error.code).toBe('too_many_streams');
    expect(store.writes.length).toBe(writesBefore);
    expect((await post(server, { type: 'threads.list', params: {} }, context)).status).toBe(200);
    expect((await post(server, { type: 'threads.list', params: {} }, { userId: 'bob' })).status).toBe(200);

    release();
    await collectEvents(first);
    const third = await post(server, { type: 'threads.create', params: { input: textInput('Three') } }, context);
    expect(third.status).toBe(200);
    await third.body?.cancel();
  });

  it('gives a stream slot back when the client leaves, once the partial reply is saved', async () => {
    const limiter = createStreamLimiter({ maxPerKey: 1 });
    const { server, store, context } = makeServer({
      options: { limits: { streams: limiter } },
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: assistantMessage(thread.id, 'Partial') };
        await untilAborted(run.signal);
      },
    });
    const body = JSON.stringify({ type: 'threads.create', params: { input: textInput('Hi') } });
    const events: ThreadStreamEvent[] = [];
    for await (const event of iterateEvents(await server.process(body, context))) {
      events.push(event);
      if (event.type === 'thread.item.added') break;
    }
    await expect.poll(() => limiter.active(context.userId)).toBe(0);
    const items = await store.loadThreadItems(threadIdOf(events), undefined, 10, 'asc', context);
    expect(items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
  });

  it('refuses a message longer than maxMessageChars with 400 message_too_long, counting code points', async () => {
    const store = new RecordingStore();
    const { server, context } = makeServer({ store, options: { limits: { maxMessageChars: 10 } } });
    const tooLong = await post(server, { type: 'threads.create', params: { input: textInput('a'.repeat(11)) } }, context);
    expect(tooLong.status).toBe(400);
    expect(parseErrorResponse(await tooLong.text()).error).toEqual({
      code: 'message_too_long',
      message: 'params.input: the message is longer than 10 characters',
    });
    const quoted = await post(
      server,
      { type: 'threads.create', params: { input: textInput('12345', { quoted_text: '123456' }) } },
      context,
    );
    expect(quoted.status).toBe(400);
    expect(store.writes).toEqual([]);

    // Ten emoji are ten characters (twenty UTF-16 units).
    const emoji = await post(server, { type: 'threads.create', params: { input: textInput('😀'.repeat(10)) } }, context);
    expect(emoji.status).toBe(200);
    await emoji.body?.cancel();
  });
});

describe('a locked or closed thread takes no new input', () => {
  const inputs = (threadId: string, itemId: string) =>
    [
      ['threads.add_user_message', { thread_id: threadId, input: textInput('More') }],
      ['threads.retry_after_item', { thread_id: threadId, item_id: itemId }],
      ['threads.custom_action', { thread_id: threadId, action: { type: 'approve' } }],
      ['threads.add_client_tool_output', { thread_id: threadId, result: { ok: true } }],
      ['threads.add_structured_input', { thread_id: threadId, item_id: itemId, input: { answers: {} } }],
    ] as const;

  it.each(['locked', 'closed'] as const)('answers 409 thread_%s with the reason to every kind of input', async (status) => {
    const store = new RecordingStore();
    const harness = makeServer({
      store,
      async *respond(thread) {
        thread.status = { type: status, reason: 'Handed over to a person' };
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'Bye') };
      },
    });
    const { events } = await harness.createThread('Hello');
    const threadId = threadIdOf(events);
    const userMessage = events.find((event) => event.type === 'thread.item.done' && event.item.type === 'user_message');
    const itemId = userMessage?.type === 'thread.item.done' ? userMessage.item.id : '';
    const writes = store.writes.length;

    for (const [type, params] of inputs(threadId, itemId)) {
      const answer = await harness.httpError(type, params);
      expect({ type, ...answer }).toEqual({
        type,
        status: 409,
        body: { error: { code: `thread_${status}`, message: `Thread is ${status}: Handed over to a person` } },
      });
    }
    expect(store.writes.length).toBe(writes);
    // Reading the thread still works.
    expect((await harness.json('threads.get_by_id', { thread_id: threadId })).status.type).toBe(status);
  });
});
