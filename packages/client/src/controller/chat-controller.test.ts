import {
  childrenOf,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
  type WidgetItem,
} from '@chatwire/protocol';
import { CANCELLED_NOTE, MemoryStore } from '@chatwire/server';
import { describe, expect, it } from 'vitest';
import { HookedServer, type ServerHooks, type TestContext } from '@chatwire/test-support/hooked-server';
import {
  assistantMessage,
  deferred,
  done,
  now,
  recordStates,
  streamText,
  textOf,
  untilAborted,
  waitForState,
} from '@chatwire/test-support/transcripts';
import { inProcessServer } from '@chatwire/test-support/server-fetch';
import { ChatController, type ChatControllerOptions } from './chat-controller.js';
import type { ChatEvents } from './chat-events.js';

const URL = 'http://chatwire.test/chatkit';
const USER: TestContext = { userId: 'client_test_user' };

function setup(hooks: ServerHooks = {}, options: Partial<ChatControllerOptions> = {}) {
  const harness = inProcessServer(hooks, USER);
  const controller = new ChatController({ ...options, api: { url: URL, fetch: harness.fetch, ...options.api } });
  return { ...harness, controller };
}

/** Replies with the user's text echoed back, streamed in three pieces. */
function echo(thread: ThreadMetadata, input: UserMessageItem | null): AsyncIterable<ThreadStreamEvent> {
  const text = input?.content.map((part) => part.text).join('') ?? 'continued';
  return streamText(thread.id, `reply_${Math.random().toString(16).slice(2, 10)}`, ['You said: ', text, '.']);
}

function record<K extends keyof ChatEvents>(controller: ChatController, name: K): ChatEvents[K][] {
  const seen: ChatEvents[K][] = [];
  controller.on(name, (payload) => seen.push(payload));
  return seen;
}

const types = (items: readonly ThreadItem[] | undefined) => items?.map((item) => item.type);

describe('sending messages', () => {
  it('the first message creates the thread, the next ones add to it', async () => {
    const { controller, received } = setup({ respond: echo });
    const changes = record(controller, 'thread.change');
    await controller.sendMessage({ text: 'Hello' });
    await controller.sendMessage({ text: 'Again' });
    const state = controller.getState();
    expect(received.map((request) => request.type)).toEqual(['threads.create', 'threads.add_user_message']);
    expect(state.thread?.items.map(textOrUserText)).toEqual(['Hello', 'You said: Hello.', 'Again', 'You said: Again.']);
    expect(changes).toEqual([{ threadId: state.thread?.metadata.id }]);
    expect(state.status).toBe('idle');
    expect(state.threads.data.map((thread) => thread.id)).toEqual([state.thread?.metadata.id]);
  });

  it('quoted text, tool choice, model and attachments go into the user message input', async () => {
    const { controller, received } = setup({ respond: echo });
    await controller.sendMessage({ text: 'Explain', quotedText: 'E = mc²', toolChoice: 'search', model: 'small' });
    expect(received[0]?.params).toEqual({
      input: {
        content: [{ type: 'input_text', text: 'Explain' }],
        attachments: [],
        quoted_text: 'E = mc²',
        inference_options: { tool_choice: { id: 'search' }, model: 'small' },
      },
    });
    expect(controller.getState().thread?.items[0]).toMatchObject({
      quoted_text: 'E = mc²',
      inference_options: { model: 'small' },
    });
  });

  it('response start and end bracket every reply; the composer draft is cleared on send', async () => {
    const { controller } = setup({ respond: echo });
    const starts = record(controller, 'response.start');
    const ends = record(controller, 'response.end');
    controller.setDraft('Hello');
    const sending = controller.sendMessage({ text: 'Hello' });
    expect(controller.getState()).toMatchObject({ status: 'streaming', draft: '' });
    await sending;
    expect(starts).toEqual([{ threadId: null }]);
    expect(ends).toEqual([{ threadId: controller.getState().thread?.metadata.id, outcome: 'completed' }]);
  });

  it('sending while a reply streams is refused', async () => {
    const gate = deferred();
    const { controller } = setup({
      async *respond(thread) {
        yield done(assistantMessage(thread.id, 'first', 'Working'));
        await gate.promise;
      },
    });
    const sending = controller.sendMessage({ text: 'Hello' });
    await waitForState(controller, (state) => state.thread?.items.length === 2);
    await expect(controller.sendMessage({ text: 'More' })).rejects.toThrow(/streaming/);
    gate.resolve();
    await sending;
  });
});

describe('events that cannot be applied', () => {
  it('are reported through log and the reply goes on', async () => {
    const { controller } = setup({
      async *respond(thread) {
        yield {
          type: 'thread.item.updated',
          item_id: 'never_added',
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'lost' },
        };
        yield done(assistantMessage(thread.id, 'after', 'Still here'));
      },
    });
    const logs = record(controller, 'log');
    await controller.sendMessage({ text: 'Hi' });
    expect(logs).toEqual([{ name: 'event.unapplied', data: { problem: expect.stringContaining('never_added') } }]);
    expect(textOf(controller.getState().thread?.items.at(-1))).toBe('Still here');
    expect(controller.getState()).toMatchObject({ status: 'idle', error: null });
  });

  it('effects reach on("effect") listeners; a listener that throws does not break the reply', async () => {
    const { controller } = setup({
      async *respond(thread) {
        yield { type: 'client_effect', name: 'confetti', data: { count: 3 } };
        yield done(assistantMessage(thread.id, 'after', 'Done'));
      },
    });
    const effects = record(controller, 'effect');
    controller.on('effect', () => {
      throw new Error('host bug');
    });
    const logs = record(controller, 'log');
    await controller.sendMessage({ text: 'Celebrate' });
    expect(effects).toEqual([{ name: 'confetti', data: { count: 3 } }]);
    expect(logs).toEqual([{ name: 'listener.failed', data: { event: 'effect', message: 'host bug' } }]);
    expect(textOf(controller.getState().thread?.items.at(-1))).toBe('Done');
  });
});

describe('identity of unchanged state', () => {
  it('a text delta gives new objects only for the state, the thread, its items array and the streaming item', async () => {
    const { controller } = setup({ respond: echo });
    await controller.sendMessage({ text: 'First' });
    const states = recordStates(controller);
    await controller.sendMessage({ text: 'Second' });
    const deltaPairs = states.flatMap((state, index) => {
      const before = states[index - 1];
      const last = state.thread?.items.at(-1);
      const previous = before?.thread?.items.at(-1);
      return before && last && previous && last.id === previous.id && textOf(last) !== textOf(previous)
        ? [[before, state] as const]
        : [];
    });
    expect(deltaPairs.length).toBeGreaterThanOrEqual(3);
    for (const [before, after] of deltaPairs) {
      expect(after).not.toBe(before);
      expect(after.thread).not.toBe(before.thread);
      expect(after.thread?.items).not.toBe(before.thread?.items);
      expect(after.thread?.metadata).toBe(before.thread?.metadata);
      expect(after.threads).toBe(before.threads);
      expect(after.notices).toBe(before.notices);
      const items = after.thread?.items ?? [];
      items.slice(0, -1).forEach((item, index) => expect(item).toBe(before.thread?.items[index]));
      expect(items.at(-1)).not.toBe(before.thread?.items.at(-1));
    }
  });

  it('getState returns the same snapshot until something changes', async () => {
    const { controller } = setup({ respond: echo });
    await controller.sendMessage({ text: 'Hi' });
    const snapshot = controller.getState();
    expect(controller.getState()).toBe(snapshot);
    controller.setDraft('');
    expect(controller.getState()).toBe(snapshot);
    controller.setDraft('typing');
    expect(controller.getState()).not.toBe(snapshot);
    expect(controller.getState().thread).toBe(snapshot.thread);
  });

  it('fetching updates keeps the identity of items that did not change', async () => {
    const { controller } = setup({ respond: echo });
    await controller.sendMessage({ text: 'Hi' });
    const before = controller.getState().thread;
    await controller.fetchUpdates();
    const after = controller.getState().thread;
    expect(after?.items).toBe(before?.items);
  });
});

describe('stopping a reply', () => {
  it('keeps the partial text locally and on the server, which sees the abort', async () => {
    const serverSawAbort = deferred();
    const cleanedUp = deferred();
    class Server extends HookedServer {
      override async handleStreamCancelled(thread: ThreadMetadata, pending: ThreadItem[], context: TestContext) {
        await super.handleStreamCancelled(thread, pending, context);
        cleanedUp.resolve();
      }
    }
    const hooks: ServerHooks = {
      async *respond(thread, _input, _context, run) {
        const events = streamText(thread.id, 'partial', ['Once upon', ' a time', ' there was']);
        for (let i = 0; i < 4; i++) {
          const next = await events.next();
          if (!next.done) yield next.value; // added, part added and two deltas; never the end
        }
        await untilAborted(run.signal);
        serverSawAbort.resolve();
      },
    };
    const server = new Server(hooks);
    const controller = new ChatController({
      api: { url: URL, fetch: (input, init) => server.handle(new Request(input, init), USER) },
    });
    const ends = record(controller, 'response.end');
    const sending = controller.sendMessage({ text: 'Tell me a story' });
    await waitForState(controller, (state) => textOf(state.thread?.items.at(-1)) === 'Once upon a time');
    controller.stop();

    expect(controller.getState()).toMatchObject({ status: 'idle', streamingItemId: null });
    expect(textOf(controller.getState().thread?.items.at(-1))).toBe('Once upon a time');
    await sending;
    await serverSawAbort.promise;
    await cleanedUp.promise;
    expect(ends).toEqual([{ threadId: controller.getState().thread?.metadata.id, outcome: 'stopped' }]);

    const threadId = controller.getState().thread?.metadata.id ?? '';
    const stored = await server.store.loadThreadItems(threadId, undefined, 20, 'asc', USER);
    expect(stored.data.map((item) => (item.type === 'sdk_hidden_context' ? item.content : textOrUserText(item)))).toEqual([
      'Tell me a story',
      'Once upon a time',
      CANCELLED_NOTE,
    ]);
    await controller.fetchUpdates();
    expect(controller.getState().thread?.items.map(textOrUserText)).toEqual(['Tell me a story', 'Once upon a time']);
  });

  it('a widget that was streaming stays with what it showed, no longer streaming, exactly as the server keeps it', async () => {
    const cleanedUp = deferred();
    class Server extends HookedServer {
      override async handleStreamCancelled(thread: ThreadMetadata, pending: ThreadItem[], context: TestContext) {
        await super.handleStreamCancelled(thread, pending, context);
        cleanedUp.resolve();
      }
    }
    const server = new Server({
      async *respond(thread, _input, _context, run) {
        const widget: WidgetItem = {
          id: 'forecast_widget',
          thread_id: thread.id,
          created_at: now(),
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Markdown', id: 'forecast', value: '', streaming: true }] },
        };
        yield { type: 'thread.item.added', item: widget };
        yield {
          type: 'thread.item.updated',
          item_id: widget.id,
          update: { type: 'widget.streaming_text.value_delta', component_id: 'forecast', delta: 'Sunny', done: false },
        };
        await untilAborted(run.signal);
      },
    });
    const controller = new ChatController({
      api: { url: URL, fetch: (input, init) => server.handle(new Request(input, init), USER) },
    });
    const sending = controller.sendMessage({ text: 'Weather?' });
    const forecast = (state: ReturnType<ChatController['getState']>) => {
      const item = state.thread?.items.at(-1);
      return item?.type === 'widget' ? childrenOf(item.widget)[0] : undefined;
    };
    await waitForState(controller, (state) => forecast(state)?.value === 'Sunny');
    controller.stop();
    await sending;

    expect(forecast(controller.getState())).toEqual({ type: 'Markdown', id: 'forecast', value: 'Sunny', streaming: false });
    const shown = controller.getState().thread?.items.at(-1);
    await cleanedUp.promise;
    await controller.fetchUpdates();
    expect(controller.getState().thread?.items.at(-1)).toEqual(shown);
  });

  it('an item that was streaming without any text is dropped, as the server drops it', async () => {
    const { controller } = setup({
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: assistantMessage(thread.id, 'empty', '') };
        await untilAborted(run.signal);
      },
    });
    const sending = controller.sendMessage({ text: 'Hi' });
    await waitForState(controller, (state) => state.streamingItemId === 'empty');
    controller.stop();
    await sending;
    expect(types(controller.getState().thread?.items)).toEqual(['user_message']);
  });
});

describe('retrying', () => {
  it('reruns the reply to the last user message and drops what came after it locally', async () => {
    let attempt = 0;
    const { controller, received } = setup({
      async *respond(thread) {
        attempt++;
        yield done(assistantMessage(thread.id, `answer_${attempt}`, `Answer ${attempt}`));
        if (attempt === 1) yield { type: 'error', code: 'stream.error', allow_retry: true };
      },
    });
    await controller.sendMessage({ text: 'Question' });
    expect(controller.getState().error).toMatchObject({ source: 'stream', code: 'stream.error', allowRetry: true });
    const states = recordStates(controller);
    await controller.retry();
    const userMessage = controller.getState().thread?.items[0];
    expect(received.at(-1)).toMatchObject({ type: 'threads.retry_after_item', params: { item_id: userMessage?.id } });
    expect(types(states[0]?.thread?.items)).toEqual(['user_message']);
    expect(controller.getState().thread?.items.map(textOrUserText)).toEqual(['Question', 'Answer 2']);
    expect(controller.getState()).toMatchObject({ status: 'idle', error: null });
  });

  it('retrying from a reply reruns the user message before it', async () => {
    const { controller, received } = setup({ respond: echo });
    await controller.sendMessage({ text: 'One' });
    await controller.sendMessage({ text: 'Two' });
    const firstReply = controller.getState().thread?.items[1];
    await controller.retry(firstReply?.id);
    expect(received.at(-1)?.params.item_id).toBe(controller.getState().thread?.items[0]?.id);
    expect(controller.getState().thread?.items.map(textOrUserText)).toEqual(['One', 'You said: One.']);
  });

  it('a message the server refused (429) is sent again, not rerun', async () => {
    const harness = inProcessServer({ respond: echo }, USER);
    let refuse = true;
    const controller = new ChatController({
      api: {
        url: URL,
        fetch: async (input, init) => {
          if (!refuse) return harness.fetch(input, init);
          refuse = false;
          return Response.json(
            { error: { code: 'rate_limited', message: 'Slow down' } },
            { status: 429, headers: { 'Retry-After': '3' } },
          );
        },
      },
    });
    await controller.sendMessage({ text: 'Hello' });
    expect(controller.getState()).toMatchObject({
      status: 'error',
      thread: null,
      error: { source: 'http', status: 429, code: 'rate_limited', message: 'Slow down', retryAfter: 3, allowRetry: true },
    });
    await controller.retry();
    expect(harness.received.map((request) => request.type)).toEqual(['threads.create']);
    expect(controller.getState().thread?.items.map(textOrUserText)).toEqual(['Hello', 'You said: Hello.']);
  });
});

describe('paging', () => {
  it('the thread list loads page by page, newest first', async () => {
    const { controller, server } = setup({ respond: echo }, { threadPageSize: 2 });
    for (const title of ['one', 'two', 'three', 'four', 'five']) {
      await server.store.saveThread(
        { id: `thr_${title}`, title, created_at: now(), status: { type: 'active' }, metadata: {} },
        USER,
      );
    }
    await controller.loadThreads();
    expect(controller.getState().threads).toMatchObject({ hasMore: true, loaded: true });
    expect(controller.getState().threads.data.map((thread) => thread.title)).toEqual(['five', 'four']);
    await controller.loadMoreThreads();
    await controller.loadMoreThreads();
    expect(controller.getState().threads.data.map((thread) => thread.title)).toEqual(['five', 'four', 'three', 'two', 'one']);
    expect(controller.getState().threads.hasMore).toBe(false);
  });

  it('opening a long thread shows its newest items; older ones load page by page in order', async () => {
    const { controller, server } = setup({}, { itemPageSize: 10 });
    const thread: ThreadMetadata = { id: 'thr_long', created_at: now(), status: { type: 'active' }, metadata: {} };
    await server.store.saveThread(thread, USER);
    for (let n = 1; n <= 25; n++) {
      await server.store.addThreadItem(thread.id, assistantMessage(thread.id, `item_${n}`, `Message ${n}`), USER);
      if (n === 12) {
        const hidden = {
          id: 'hidden_12',
          thread_id: thread.id,
          created_at: now(),
          type: 'hidden_context_item' as const,
          content: 'x',
        };
        await server.store.addThreadItem(thread.id, hidden, USER);
      }
    }
    const loads = [record(controller, 'thread.load.start'), record(controller, 'thread.load.end')];
    await controller.setThread('thr_long');
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Message ${from + i}`);
    expect(controller.getState().thread?.items.map(textOf)).toEqual(range(16, 25));
    expect(controller.getState().thread?.hasMoreBefore).toBe(true);
    expect(loads).toEqual([[{ threadId: 'thr_long' }], [{ threadId: 'thr_long' }]]);
    await controller.loadOlderItems();
    expect(controller.getState().thread?.items.map(textOf)).toEqual(range(7, 25));
    await controller.loadOlderItems();
    expect(controller.getState().thread?.items.map(textOf)).toEqual(range(1, 25));
    expect(controller.getState().thread?.hasMoreBefore).toBe(false);
  });
});

describe('client tools', () => {
  it('onClientTool answers a pending call and the reply continues with its output', async () => {
    const calls: unknown[] = [];
    const store = new MemoryStore<TestContext>();
    const { controller, received } = setup(
      {
        store,
        async *respond(thread, input) {
          if (input) {
            yield done({
              id: 'call_1',
              thread_id: thread.id,
              created_at: now(),
              type: 'client_tool_call',
              status: 'pending',
              call_id: 'fc_1',
              name: 'get_selection',
              arguments: { format: 'plain' },
            });
            return;
          }
          const stored = await store.loadItem(thread.id, 'call_1', USER);
          const output = stored.type === 'client_tool_call' ? JSON.stringify(stored.output) : '?';
          yield done(assistantMessage(thread.id, 'after_tool', `The tool said ${output}`));
        },
      },
      {
        onClientTool: async (call) => {
          calls.push({ name: call.name, params: call.params, callId: call.callId });
          return { text: 'selected words' };
        },
      },
    );
    await controller.sendMessage({ text: 'What did I select?' });
    expect(calls).toEqual([{ name: 'get_selection', params: { format: 'plain' }, callId: 'fc_1' }]);
    expect(received.map((request) => request.type)).toEqual(['threads.create', 'threads.add_client_tool_output']);
    expect(received[1]?.params.result).toEqual({ text: 'selected words' });
    const items = controller.getState().thread?.items ?? [];
    expect(items[1]).toMatchObject({ type: 'client_tool_call', status: 'completed', output: { text: 'selected words' } });
    expect(textOf(items[2])).toBe('The tool said {"text":"selected words"}');
  });
});

describe('client tools without a happy path', () => {
  async function* askForTool(thread: ThreadMetadata, input: UserMessageItem | null): AsyncGenerator<ThreadStreamEvent> {
    if (input) {
      yield done({
        id: 'call_1',
        thread_id: thread.id,
        created_at: now(),
        type: 'client_tool_call',
        status: 'pending',
        call_id: 'fc_1',
        name: 'read_clipboard',
        arguments: {},
      });
      return;
    }
    yield done(assistantMessage(thread.id, 'after_tool', 'Carrying on'));
  }

  it('a handler that throws posts the failure as the output, so the thread is not left waiting', async () => {
    const { controller, received } = setup(
      { respond: askForTool },
      {
        onClientTool: () => {
          throw new Error('Permission denied');
        },
      },
    );
    const logs = record(controller, 'log');
    await controller.sendMessage({ text: 'Paste it' });
    expect(received[1]).toMatchObject({
      type: 'threads.add_client_tool_output',
      params: { result: { error: 'Permission denied' } },
    });
    expect(logs).toEqual([{ name: 'client_tool.failed', data: { name: 'read_clipboard', message: 'Permission denied' } }]);
    expect(textOf(controller.getState().thread?.items.at(-1))).toBe('Carrying on');
  });

  it('without onClientTool the call waits until submitClientToolOutput answers it', async () => {
    const { controller, received } = setup({ respond: askForTool });
    await controller.sendMessage({ text: 'Paste it' });
    expect(controller.getState().thread?.items.at(-1)).toMatchObject({ type: 'client_tool_call', status: 'pending' });
    await controller.submitClientToolOutput({ text: 'clipboard text' });
    expect(received.map((request) => request.type)).toEqual(['threads.create', 'threads.add_client_tool_output']);
    expect(controller.getState().thread?.items.map((item) => item.type)).toEqual([
      'user_message',
      'client_tool_call',
      'assistant_message',
    ]);
    expect(controller.getState().thread?.items[1]).toMatchObject({ status: 'completed', output: { text: 'clipboard text' } });
  });
});

describe('threads', () => {
  it('rename updates the open thread and the list; delete closes it', async () => {
    const { controller, server } = setup({ respond: echo });
    await controller.sendMessage({ text: 'Hi' });
    await controller.loadThreads();
    const threadId = controller.getState().thread?.metadata.id ?? '';
    const changes = record(controller, 'thread.change');
    await controller.renameThread(threadId, 'Greetings');
    expect(controller.getState().thread?.metadata.title).toBe('Greetings');
    expect(controller.getState().threads.data[0]?.title).toBe('Greetings');
    expect((await server.store.loadThread(threadId, USER)).title).toBe('Greetings');
    await controller.deleteThread(threadId);
    expect(controller.getState()).toMatchObject({ thread: null, threads: { data: [] } });
    expect(changes).toEqual([{ threadId: null }]);
    await expect(server.store.loadThread(threadId, USER)).rejects.toThrow();
  });

  it('opening a thread that does not exist reports a 404 and keeps the current one', async () => {
    const { controller } = setup({ respond: echo });
    await controller.sendMessage({ text: 'Hi' });
    const before = controller.getState().thread;
    const errors = record(controller, 'error');
    await controller.setThread('thr_missing');
    expect(controller.getState().thread).toBe(before);
    expect(controller.getState().error).toMatchObject({ source: 'http', status: 404, code: 'not_found' });
    expect(errors).toHaveLength(1);
  });

  it('setThread(null) starts a new chat; the next message creates a new thread', async () => {
    const { controller, received } = setup({ respond: echo });
    await controller.sendMessage({ text: 'First chat' });
    const first = controller.getState().thread?.metadata.id;
    await controller.setThread(null);
    expect(controller.getState().thread).toBeNull();
    await controller.sendMessage({ text: 'Second chat' });
    expect(received.map((request) => request.type)).toEqual(['threads.create', 'threads.create']);
    expect(controller.getState().thread?.metadata.id).not.toBe(first);
    expect(controller.getState().threads.data).toHaveLength(2);
  });

  it('sending to a locked thread reports the 409', async () => {
    const { controller } = setup({
      async *respond(thread) {
        thread.status = { type: 'locked', reason: 'Read only' };
        yield done(assistantMessage(thread.id, 'bye', 'Locking now'));
      },
    });
    await controller.sendMessage({ text: 'Hi' });
    expect(controller.getState().thread?.metadata.status).toEqual({ type: 'locked', reason: 'Read only' });
    await controller.sendMessage({ text: 'Still there?' });
    expect(controller.getState()).toMatchObject({
      status: 'error',
      error: { status: 409, code: 'thread_locked', allowRetry: false },
    });
  });

  it('a message larger than the server accepts reports the 413', async () => {
    const { controller } = setup({ respond: echo, options: { maxBodyBytes: 2_000 } });
    await controller.sendMessage({ text: 'x'.repeat(5_000) });
    expect(controller.getState().error).toMatchObject({ source: 'http', status: 413, code: 'payload_too_large' });
  });
});

describe('feedback, actions and structured input', () => {
  it('feedback reaches the server and is remembered', async () => {
    const given: unknown[] = [];
    const { controller } = setup({
      respond: echo,
      addFeedback: async (threadId, itemIds, kind) => {
        given.push({ threadId, itemIds, kind });
      },
    });
    await controller.sendMessage({ text: 'Hi' });
    const reply = controller.getState().thread?.items[1]?.id ?? '';
    await controller.feedback([reply], 'positive');
    expect(given).toEqual([{ threadId: controller.getState().thread?.metadata.id, itemIds: [reply], kind: 'positive' }]);
    expect(controller.getState().feedback).toEqual({ [reply]: 'positive' });
  });

  it('a widget action goes to the server with its sender and streams the answer', async () => {
    const seen: unknown[] = [];
    const { controller } = setup({
      async *respond(thread) {
        const widget: WidgetItem = {
          id: 'widget_1',
          thread_id: thread.id,
          created_at: now(),
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Button', label: 'Confirm' }] },
        };
        yield done(widget);
      },
      async *action(thread, action, sender) {
        seen.push({ action, sender: sender?.id });
        yield done(assistantMessage(thread.id, 'confirmed', 'Confirmed.'));
      },
    });
    await controller.sendMessage({ text: 'Book it' });
    await controller.sendCustomAction({ type: 'booking.confirm', payload: { seat: '12A' } }, 'widget_1');
    expect(seen).toEqual([{ action: { type: 'booking.confirm', payload: { seat: '12A' } }, sender: 'widget_1' }]);
    expect(textOf(controller.getState().thread?.items.at(-1))).toBe('Confirmed.');
  });

  it('answering a structured input replaces the item with the answers and continues', async () => {
    const { controller } = setup({
      async *respond(thread, input) {
        if (input) {
          yield done({
            id: 'ask_1',
            thread_id: thread.id,
            created_at: now(),
            type: 'structured_input',
            status: 'pending',
            inputs: [
              {
                id: 'size',
                type: 'multiple_choice',
                question: 'Which size?',
                options: [{ value: 'S' }, { value: 'M' }],
                multiple: false,
              },
            ],
          });
          return;
        }
        yield done(assistantMessage(thread.id, 'thanks', 'Size noted.'));
      },
    });
    await controller.sendMessage({ text: 'Order a shirt' });
    await controller.submitStructuredInput('ask_1', { answers: { size: { values: ['M'] } } });
    const items = controller.getState().thread?.items ?? [];
    expect(items[1]).toMatchObject({ type: 'structured_input', status: 'answered', inputs: [{ answer: { values: ['M'] } }] });
    expect(textOf(items[2])).toBe('Size noted.');
  });
});

describe('request metadata', () => {
  it('metadata from the options reaches the server with every request', async () => {
    let page = 'first';
    const { controller, received } = setup(
      { respond: echo },
      {
        api: {
          url: URL,
          metadata: async () => ({ pageContext: { title: `Page ${page}` }, userInfo: { name: 'Ada' } }),
          locale: 'fr-FR',
        },
      },
    );
    await controller.sendMessage({ text: 'Hi' });
    page = 'second';
    await controller.loadThreads();
    expect(received.map((request) => request.metadata)).toEqual([
      { pageContext: { title: 'Page first' }, userInfo: { name: 'Ada' } },
      { pageContext: { title: 'Page second' }, userInfo: { name: 'Ada' } },
    ]);
    expect(received[0]?.headers['accept-language']).toBe('fr-FR');
  });
});

function textOrUserText(item: ThreadItem | undefined): string | undefined {
  if (item?.type === 'user_message') return item.content.map((part) => part.text).join('');
  return textOf(item);
}
