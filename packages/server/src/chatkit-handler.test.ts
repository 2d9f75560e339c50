import type { AssistantMessageItem, ThreadItem, ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { createChatKitHandler } from './chatkit-handler.js';
import { CANCELLED_NOTE } from './default-hooks.js';
import type { ResponseRun } from './hooks.js';
import { silentLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import { ChatKitServer } from './server.js';
import { textInput, threadIdOf, type TestContext } from '@chatwire/test-support/hooked-server';
import { collectEvents, iterateEvents, parseErrorResponse, parseJsonResponse } from './testing/index.js';

const context: TestContext = { userId: 'composer' };
const FIXED_TIME = '2030-01-02T03:04:05.678Z';

const body = (type: string, params: unknown) => JSON.stringify({ type, params });
const post = (type: string, params: unknown) =>
  new Request('http://chatwire.test/chatkit', { method: 'POST', body: body(type, params) });

function reply(threadId: string, id: string, text: string): AssistantMessageItem {
  const content = [{ type: 'output_text' as const, text, annotations: [] }];
  return { id, thread_id: threadId, created_at: FIXED_TIME, type: 'assistant_message', content };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** Reads a stream up to its first `thread.item.added`, then stops reading (the client going away). */
async function leaveAfterFirstItem(result: Awaited<ReturnType<ChatKitServer<TestContext>['process']>>): Promise<string> {
  const events: ThreadStreamEvent[] = [];
  for await (const event of iterateEvents(result)) {
    events.push(event);
    if (event.type === 'thread.item.added') break;
  }
  return threadIdOf(events);
}

/** Polls until `check` passes: cancellation cleanup runs after the reader has gone. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('createChatKitHandler', () => {
  it('streams the reply of a respond function and persists it, with nothing but a store and respond', async () => {
    const store = new MemoryStore<TestContext>();
    const chatkit = createChatKitHandler<TestContext>({
      store,
      logger: silentLogger,
      async *respond(thread, input) {
        const text = input?.content.map((part) => part.text).join('') ?? '';
        yield { type: 'thread.item.done', item: reply(thread.id, 'msg_reply', `You said: ${text}`) };
      },
    });

    const response = await chatkit.handle(post('threads.create', { input: textInput('hi') }), context);
    const events = await collectEvents(response);

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
    const threadId = threadIdOf(events);
    const stored = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(stored.data.map((item) => item.type === 'assistant_message' && item.content[0]?.text)).toEqual([
      false,
      'You said: hi',
    ]);

    const listed = await chatkit.process(body('threads.list', {}), context);
    if (listed.streaming) throw new Error('threads.list answered a stream');
    expect(parseJsonResponse('threads.list', listed.json).data.map((thread) => thread.id)).toEqual([threadId]);
  });

  it('answers the hooks it was not given as ChatKitServer does by default', async () => {
    const store = new MemoryStore<TestContext>();
    const chatkit = createChatKitHandler<TestContext>({
      store,
      logger: silentLogger,
      async *respond(thread) {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'wid_1',
            thread_id: thread.id,
            created_at: FIXED_TIME,
            type: 'widget',
            widget: { type: 'Card', children: [] },
          },
        };
      },
    });
    const events = await collectEvents(await chatkit.process(body('threads.create', { input: textInput('hi') }), context));
    const threadId = threadIdOf(events);

    expect(events[2]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });
    const actionParams = { thread_id: threadId, item_id: 'wid_1', action: { type: 'x' } };
    const action = await collectEvents(await chatkit.process(body('threads.custom_action', actionParams), context));
    expect(action.at(-1)).toMatchObject({ type: 'error', code: 'stream.error' });
    const syncAction = await chatkit.handle(post('threads.sync_custom_action', actionParams), context);
    expect([syncAction.status, parseErrorResponse(await syncAction.text()).error.code]).toEqual([501, 'not_implemented']);
    const transcribe = await chatkit.handle(post('input.transcribe', { audio_base64: 'aGk=', mime_type: 'audio/webm' }), context);
    expect(transcribe.status).toBe(501);
    const feedback = await chatkit.process(
      body('items.feedback', { thread_id: threadId, item_ids: ['wid_1'], kind: 'positive' }),
      context,
    );
    expect(feedback.streaming ? 'stream' : feedback.json).toBe('{}');
  });

  it('calls hooks written as methods with their object as `this`', async () => {
    const hooks = {
      store: new MemoryStore<TestContext>(),
      logger: silentLogger,
      greeting: 'Bonjour',
      feedback: [] as string[],
      async *respond(thread: ThreadMetadata): AsyncIterable<ThreadStreamEvent> {
        yield { type: 'thread.item.done', item: reply(thread.id, 'msg_reply', this.greeting) };
      },
      async addFeedback(_threadId: string, itemIds: string[]): Promise<void> {
        this.feedback.push(...itemIds);
      },
    };
    const chatkit = createChatKitHandler<TestContext>(hooks);

    const events = await collectEvents(await chatkit.process(body('threads.create', { input: textInput('hi') }), context));
    await chatkit.process(
      body('items.feedback', { thread_id: threadIdOf(events), item_ids: ['msg_reply'], kind: 'negative' }),
      context,
    );

    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'Bonjour' }] } });
    expect(hooks.feedback).toEqual(['msg_reply']);
  });

  it('keeps the partial answer and a hidden note when a reply is cancelled without a handleStreamCancelled', async () => {
    const store = new MemoryStore<TestContext>();
    const chatkit = createChatKitHandler<TestContext>({
      store,
      logger: silentLogger,
      now: () => FIXED_TIME,
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: reply(thread.id, 'msg_partial', 'Half an answer') };
        await untilAborted(run.signal);
      },
    });

    const threadId = await leaveAfterFirstItem(
      await chatkit.process(body('threads.create', { input: textInput('hi') }), context),
    );

    await eventually(async () => {
      const items = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
      expect(items.data.slice(1)).toEqual([
        reply(threadId, 'msg_partial', 'Half an answer'),
        {
          id: expect.stringMatching(/^shcx_/),
          thread_id: threadId,
          created_at: FIXED_TIME,
          type: 'sdk_hidden_context',
          content: CANCELLED_NOTE,
        },
      ]);
    });
  });

  it('runs a given handleStreamCancelled instead of the default cleanup', async () => {
    const store = new MemoryStore<TestContext>();
    const cancelled: Array<{ threadId: string; pending: string[] }> = [];
    const chatkit = createChatKitHandler<TestContext>({
      store,
      logger: silentLogger,
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: reply(thread.id, 'msg_partial', 'Half an answer') };
        await untilAborted(run.signal);
      },
      async handleStreamCancelled(thread, pendingItems) {
        cancelled.push({ threadId: thread.id, pending: pendingItems.map((item) => item.id) });
      },
    });

    const threadId = await leaveAfterFirstItem(
      await chatkit.process(body('threads.create', { input: textInput('hi') }), context),
    );

    await eventually(async () => expect(cancelled).toEqual([{ threadId, pending: ['msg_partial'] }]));
    const items = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(items.data.map((item) => item.type)).toEqual(['user_message']);
  });
});

describe('ChatKitServer over the same core', () => {
  it("runs a subclass's handleStreamCancelled, which may call the default through super", async () => {
    const seen: string[][] = [];
    class NotingServer extends ChatKitServer<TestContext> {
      async *respond(thread: ThreadMetadata, _input: UserMessageItem | null, _context: TestContext, run: ResponseRun) {
        yield { type: 'thread.item.added' as const, item: reply(thread.id, 'msg_partial', 'Half an answer') };
        await untilAborted(run.signal);
      }

      override async handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], ctx: TestContext): Promise<void> {
        seen.push(pendingItems.map((item) => item.id));
        await super.handleStreamCancelled(thread, [], ctx);
      }
    }
    const server = new NotingServer(new MemoryStore<TestContext>(), undefined, { logger: silentLogger });

    const threadId = await leaveAfterFirstItem(await server.process(body('threads.create', { input: textInput('hi') }), context));

    await eventually(async () => {
      const items = await server.store.loadThreadItems(threadId, undefined, 10, 'asc', context);
      // The override dropped the partial answer; the default it called still added the note.
      expect(items.data.map((item) => item.type)).toEqual(['user_message', 'sdk_hidden_context']);
    });
    expect(seen).toEqual([['msg_partial']]);
  });

  it('refuses a keepAliveMs that is not a whole number of milliseconds', () => {
    class Quiet extends ChatKitServer<TestContext> {
      async *respond(): AsyncIterable<ThreadStreamEvent> {}
    }
    expect(() => new Quiet(new MemoryStore(), undefined, { keepAliveMs: -1 })).toThrow(/keepAliveMs/);
    expect(() => createChatKitHandler({ store: new MemoryStore(), keepAliveMs: 0.5, async *respond() {} })).toThrow(
      /keepAliveMs/,
    );
    expect(new Quiet(new MemoryStore(), undefined, { keepAliveMs: 0 }).keepAliveMs).toBe(0);
  });
});
