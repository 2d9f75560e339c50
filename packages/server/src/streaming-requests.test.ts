import type { AssistantMessageItem, InferenceOptions, UserMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { HookedServer, makeServer, textInput, type TestContext, threadIdOf } from '@chatwire/test-support/hooked-server';
import { collectEvents } from './testing/index.js';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } };
const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

function assistantMessage(threadId: string, id: string, text: string): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: new Date().toISOString(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function assistantDone(threadId: string, id: string, text: string) {
  return { type: 'thread.item.done', item: { ...assistantMessage(threadId, id, text), created_at: isoTimestamp } };
}

function createdEvent(threadId: string) {
  return {
    type: 'thread.created',
    thread: {
      id: threadId,
      created_at: isoTimestamp,
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    },
  };
}

function userMessage(threadId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    id: expect.stringMatching(/^msg_/),
    thread_id: threadId,
    created_at: isoTimestamp,
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
    ...extra,
  };
}

describe('streaming requests', () => {
  it('the request context reaches respond() and addFeedback() unchanged', async () => {
    const context: TestContext = { userId: 'text_ctx' };
    const seen: { respond?: TestContext; feedback?: TestContext } = {};
    const { stream, json } = makeServer(
      {
        async *respond(thread, _input, ctx) {
          seen.respond = ctx;
          yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_1', 'Hello, world!') };
        },
        async addFeedback(_threadId, _itemIds, _kind, ctx) {
          seen.feedback = ctx;
        },
      },
      context,
    );

    const events = await stream('threads.create', { input: textInput('Hello, world!') });
    const threadId = threadIdOf(events);
    expect(events).toEqual([
      createdEvent(threadId),
      { type: 'thread.item.done', item: userMessage(threadId, 'Hello, world!') },
      SO,
      assistantDone(threadId, 'msg_1', 'Hello, world!'),
    ]);
    expect(await json('items.feedback', { thread_id: threadId, item_ids: ['msg_1'], kind: 'positive' })).toEqual({});
    expect(seen.respond).toEqual({ userId: 'text_ctx' });
    expect(seen.feedback).toEqual({ userId: 'text_ctx' });
  });

  it('threads.create announces the thread and the stored user message, and quoted_text round-trips', async () => {
    const { stream, store, context } = makeServer();

    const events = await stream('threads.create', { input: textInput('Hello, world!', { quoted_text: 'Quoted text' }) });
    const threadId = threadIdOf(events);

    expect(events).toEqual([
      createdEvent(threadId),
      { type: 'thread.item.done', item: userMessage(threadId, 'Hello, world!', { quoted_text: 'Quoted text' }) },
      SO,
    ]);
    const created = events[0];
    expect(created?.type === 'thread.created' && created.thread.title).toBeUndefined();
    const stored = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(stored.data).toEqual([userMessage(threadId, 'Hello, world!', { quoted_text: 'Quoted text' })]);
  });

  it('a client tool call round trip: pending call, output saved on the call, reply resumed with input null', async () => {
    const inputs: (UserMessageItem | null)[] = [];
    const { stream, store, context, httpError } = makeServer({
      async *respond(thread, input) {
        inputs.push(input);
        if (input) {
          yield {
            type: 'thread.item.done',
            item: {
              id: 'msg_1',
              thread_id: thread.id,
              created_at: new Date().toISOString(),
              type: 'client_tool_call',
              status: 'pending',
              call_id: 'tool_call_1',
              name: 'tool_call_1',
              arguments: { arg1: 'val1', arg2: false },
            },
          };
        } else {
          yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_2', 'Glad the tool call succeeded!') };
        }
      },
    });
    const pendingCall = (threadId: string) => ({
      id: 'msg_1',
      thread_id: threadId,
      created_at: isoTimestamp,
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'tool_call_1',
      name: 'tool_call_1',
      arguments: { arg1: 'val1', arg2: false },
    });

    const first = await stream('threads.create', { input: textInput('Hello, world!') });
    const threadId = threadIdOf(first);
    expect(first).toEqual([
      createdEvent(threadId),
      { type: 'thread.item.done', item: userMessage(threadId, 'Hello, world!') },
      SO,
      { type: 'thread.item.done', item: pendingCall(threadId) },
    ]);
    const sentCall = first[3];
    expect(sentCall?.type === 'thread.item.done' && 'output' in sentCall.item).toBe(false);

    const second = await stream('threads.add_client_tool_output', { thread_id: threadId, result: { text: 'Wow!' } });
    expect(second).toEqual([SO, assistantDone(threadId, 'msg_2', 'Glad the tool call succeeded!')]);
    expect(await store.loadItem(threadId, 'msg_1', context)).toEqual({
      ...pendingCall(threadId),
      status: 'completed',
      output: { text: 'Wow!' },
    });
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({ type: 'user_message', content: [{ type: 'input_text', text: 'Hello, world!' }] });
    expect(inputs[1]).toBeNull();

    const again = await httpError('threads.add_client_tool_output', { thread_id: threadId, result: { text: 'Again' } });
    expect(again).toEqual({ status: 409, body: { error: { code: 'no_pending_tool_call', message: expect.any(String) } } });
    expect(inputs).toHaveLength(2);
  });

  it('progress_update events pass through untouched and are not stored', async () => {
    const { stream, json } = makeServer({
      async *respond(thread) {
        yield { type: 'progress_update', text: 'Tool status' };
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_4', 'Hello, world!') };
      },
    });

    const events = await stream('threads.create', { input: textInput('Hello, world!') });
    const threadId = threadIdOf(events);

    expect(events).toEqual([
      createdEvent(threadId),
      { type: 'thread.item.done', item: userMessage(threadId, 'Hello, world!') },
      SO,
      { type: 'progress_update', text: 'Tool status' },
      assistantDone(threadId, 'msg_4', 'Hello, world!'),
    ]);
    const progress = events[3];
    expect(progress?.type === 'progress_update' && 'icon' in progress).toBe(false);
    const items = await json('items.list', { thread_id: threadId, order: 'asc' });
    expect(items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });

  it('tool_choice reaches the responder on threads.create (a null model is accepted and left out)', async () => {
    const seen: InferenceOptions[] = [];
    const { stream } = makeServer({
      async *respond(thread, input) {
        if (input) seen.push(input.inference_options);
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_msg_tools_create', 'ok') };
      },
    });

    const events = await stream('threads.create', {
      input: { ...textInput('Hello'), quoted_text: null, inference_options: { tool_choice: { id: 'web_search' }, model: null } },
    });
    const threadId = threadIdOf(events);

    expect(events).toEqual([
      createdEvent(threadId),
      {
        type: 'thread.item.done',
        item: userMessage(threadId, 'Hello', { inference_options: { tool_choice: { id: 'web_search' } } }),
      },
      SO,
      assistantDone(threadId, 'assistant_msg_tools_create', 'ok'),
    ]);
    expect(seen).toEqual([{ tool_choice: { id: 'web_search' } }]);
  });

  it('tool_choice reaches the responder on threads.add_user_message', async () => {
    const seen: InferenceOptions[] = [];
    let reply = 0;
    const { stream } = makeServer({
      async *respond(thread, input) {
        if (input) seen.push(input.inference_options);
        reply += 1;
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, `assistant_msg_tools_add_${reply}`, 'ok') };
      },
    });
    const withRetrieval = (text: string) => ({
      ...textInput(text),
      inference_options: { tool_choice: { id: 'retrieval' }, model: null },
    });

    const created = await stream('threads.create', { input: withRetrieval('First') });
    const threadId = threadIdOf(created);
    const events = await stream('threads.add_user_message', { thread_id: threadId, input: withRetrieval('Second') });

    expect(events).toEqual([
      {
        type: 'thread.item.done',
        item: userMessage(threadId, 'Second', { inference_options: { tool_choice: { id: 'retrieval' } } }),
      },
      SO,
      assistantDone(threadId, 'assistant_msg_tools_add_2', 'ok'),
    ]);
    expect(seen).toEqual([{ tool_choice: { id: 'retrieval' } }, { tool_choice: { id: 'retrieval' } }]);
  });
});

describe('context resolved from the request', () => {
  it('a context resolver receives the parsed request, metadata included, and its context reaches the responder', async () => {
    const seen: { userId: string; page?: unknown }[] = [];
    const server = new HookedServer({
      async *respond(_thread, _input, context) {
        seen.push(context);
      },
    });
    const body = JSON.stringify({
      type: 'threads.create',
      params: { input: textInput('Hi') },
      metadata: { pageContext: { title: 'Pricing' } },
    });
    const response = await server.handle(new Request('http://chatwire.test/chatkit', { method: 'POST', body }), (request) => ({
      userId: 'resolved',
      page: request.metadata.pageContext,
    }));
    await collectEvents(response);
    expect(seen).toEqual([{ userId: 'resolved', page: { title: 'Pricing' } }]);
  });
});
