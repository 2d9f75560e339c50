import type {
  AssistantMessageItem,
  CustomTask,
  ThreadStreamEvent,
  WidgetComponent,
  WidgetItem,
  WorkflowItem,
} from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors.js';
import { CANCELLED_NOTE } from './default-hooks.js';
import type { ResponseRun } from './hooks.js';
import { makeServer, textInput, threadIdOf } from '@chatwire/test-support/hooked-server';
import { collectEvents, iterateEvents } from './testing/index.js';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } };
const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

function createBody(text: string): string {
  return JSON.stringify({ type: 'threads.create', params: { input: textInput(text) } });
}

function assistantMessage(
  threadId: string,
  id: string,
  text: string,
  createdAt = new Date().toISOString(),
): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'assistant_message',
    content: text === '' ? [] : [{ type: 'output_text', text, annotations: [] }],
  };
}

function expectedCreated(threadId: string) {
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

function expectedUserMessage(threadId: string, text: string) {
  return {
    type: 'thread.item.done',
    item: {
      id: expect.stringMatching(/^msg_/),
      thread_id: threadId,
      created_at: isoTimestamp,
      type: 'user_message',
      content: [{ type: 'input_text', text }],
      attachments: [],
      inference_options: {},
    },
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A server whose reply finishes one assistant message, then (optionally) changes the thread and
 * waits for the client to go away, as a slow model call would.
 */
function serverWithWaitingReply(changeThread = false) {
  const waiting = deferred();
  const sawAbort = deferred();
  let run: ResponseRun | undefined;
  const harness = makeServer({
    async *respond(thread, _input, _context, responseRun) {
      run = responseRun;
      yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_done', 'First part') };
      if (changeThread) {
        thread.title = 'Half-finished title';
        thread.metadata.step = 2;
      }
      waiting.resolve();
      await untilAborted(responseRun.signal);
      sawAbort.resolve();
    },
  });
  return { ...harness, waiting: waiting.promise, sawAbort: sawAbort.promise, signal: () => run?.signal };
}

describe('cancelling a streamed reply', () => {
  it('keeps the partial assistant answer with its deltas folded in, then stores a hidden note', async () => {
    const { server, store, context } = makeServer({
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: assistantMessage(thread.id, 'assistant-message-pending', 'Hello, ') };
        yield {
          type: 'thread.item.updated',
          item_id: 'assistant-message-pending',
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'World!' },
        };
        await untilAborted(run.signal);
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'never_sent', 'too late') };
      },
    });

    const events: ThreadStreamEvent[] = [];
    for await (const event of iterateEvents(await server.process(createBody('Hello'), context))) {
      events.push(event);
      if (event.type === 'thread.item.updated') break;
    }
    const threadId = threadIdOf(events);

    expect(events).toEqual([
      expectedCreated(threadId),
      expectedUserMessage(threadId, 'Hello'),
      SO,
      {
        type: 'thread.item.added',
        item: { ...assistantMessage(threadId, 'assistant-message-pending', 'Hello, '), created_at: isoTimestamp },
      },
      {
        type: 'thread.item.updated',
        item_id: 'assistant-message-pending',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'World!' },
      },
    ]);

    const newest = await store.loadThreadItems(threadId, undefined, 1, 'desc', context);
    expect(newest.data).toEqual([
      {
        id: expect.stringMatching(/^shcx_/),
        thread_id: threadId,
        created_at: isoTimestamp,
        type: 'sdk_hidden_context',
        content: CANCELLED_NOTE,
      },
    ]);
    const kept = await store.loadItem(threadId, 'assistant-message-pending', context);
    expect(kept).toEqual({
      ...assistantMessage(threadId, 'assistant-message-pending', 'Hello, World!'),
      created_at: isoTimestamp,
    });
    const all = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(all.data.map((item) => item.id)).toEqual([
      expect.stringMatching(/^msg_/),
      'assistant-message-pending',
      newest.data[0]?.id,
    ]);
  });

  it('stores only the hidden note when the pending assistant message is still empty', async () => {
    const { server, store, context } = makeServer({
      async *respond(thread, _input, _context, run) {
        yield { type: 'thread.item.added', item: assistantMessage(thread.id, 'assistant-message-pending', '') };
        await untilAborted(run.signal);
      },
    });

    const events: ThreadStreamEvent[] = [];
    for await (const event of iterateEvents(await server.process(createBody('Hello'), context))) {
      events.push(event);
      if (event.type === 'thread.item.added') break;
    }
    const threadId = threadIdOf(events);

    expect(events).toEqual([
      expectedCreated(threadId),
      expectedUserMessage(threadId, 'Hello'),
      SO,
      {
        type: 'thread.item.added',
        item: { ...assistantMessage(threadId, 'assistant-message-pending', ''), created_at: isoTimestamp },
      },
    ]);
    const all = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(all.data.map((item) => item.type)).toEqual(['user_message', 'sdk_hidden_context']);
    expect(all.data[1]).toMatchObject({ type: 'sdk_hidden_context', content: CANCELLED_NOTE });
    await expect(store.loadItem(threadId, 'assistant-message-pending', context)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a widget that streamed before the cancel, with its updates applied and nothing left streaming (the reference drops it)', async () => {
    const { server, context, json } = makeServer({
      async *respond(thread, _input, _context, run) {
        const widget: WidgetItem = {
          id: 'widget-pending',
          thread_id: thread.id,
          created_at: new Date().toISOString(),
          type: 'widget',
          widget: {
            type: 'Card',
            children: [
              { type: 'Markdown', id: 'forecast', value: '', streaming: true },
              { type: 'Badge', id: 'state', label: 'Loading' },
            ],
          },
        };
        yield { type: 'thread.item.added', item: widget };
        for (const delta of ['Sunny', ', then rain']) {
          yield {
            type: 'thread.item.updated',
            item_id: widget.id,
            update: { type: 'widget.streaming_text.value_delta', component_id: 'forecast', delta, done: false },
          };
        }
        const badge: WidgetComponent = { type: 'Badge', id: 'state', label: 'Updated' };
        yield {
          type: 'thread.item.updated',
          item_id: widget.id,
          update: { type: 'widget.component.updated', component_id: 'state', component: badge },
        };
        // What the responder does to its own objects afterwards is not what the user saw.
        badge.label = 'Changed later';
        await untilAborted(run.signal);
        yield { type: 'thread.item.done', item: widget };
      },
    });

    const events: ThreadStreamEvent[] = [];
    for await (const event of iterateEvents(await server.process(createBody('Weather?'), context))) {
      events.push(event);
      if (event.type === 'thread.item.updated' && event.update.type === 'widget.component.updated') break;
    }
    const threadId = threadIdOf(events);

    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(thread.items.data).toEqual([
      expectedUserMessage(threadId, 'Weather?').item,
      {
        id: 'widget-pending',
        thread_id: threadId,
        created_at: isoTimestamp,
        type: 'widget',
        widget: {
          type: 'Card',
          children: [
            { type: 'Markdown', id: 'forecast', value: 'Sunny, then rain', streaming: false },
            { type: 'Badge', id: 'state', label: 'Updated' },
          ],
        },
      },
    ]);
  });

  it("keeps a workflow's steps and a partly generated image, with no step left loading; an image not drawn yet is dropped", async () => {
    const task: CustomTask = { type: 'custom', title: 'Read page context', status_indicator: 'loading' };
    const { server, store, context } = makeServer({
      async *respond(thread, _input, _context, run) {
        const base = { thread_id: thread.id, created_at: new Date().toISOString() };
        yield {
          type: 'thread.item.added',
          item: { ...base, id: 'workflow-pending', type: 'workflow', workflow: { type: 'custom', tasks: [], expanded: false } },
        };
        yield {
          type: 'thread.item.updated',
          item_id: 'workflow-pending',
          update: { type: 'workflow.task.added', task_index: 0, task },
        };
        yield { type: 'thread.item.added', item: { ...base, id: 'image-pending', type: 'generated_image' } };
        yield {
          type: 'thread.item.updated',
          item_id: 'image-pending',
          update: { type: 'generated_image.updated', image: { id: 'img', url: 'data:image/png;base64,AAAA' }, progress: 0.5 },
        };
        yield { type: 'thread.item.added', item: { ...base, id: 'image-not-drawn', type: 'generated_image' } };
        await untilAborted(run.signal);
      },
    });

    const events: ThreadStreamEvent[] = [];
    for await (const event of iterateEvents(await server.process(createBody('Draw it'), context))) {
      events.push(event);
      if (event.type === 'thread.item.added' && event.item.id === 'image-not-drawn') break;
    }
    const threadId = threadIdOf(events);

    const stored = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(stored.data.map((item) => item.id)).toEqual([
      expect.stringMatching(/^msg_/),
      'workflow-pending',
      'image-pending',
      expect.stringMatching(/^shcx_/),
    ]);
    expect(await store.loadItem(threadId, 'workflow-pending', context)).toMatchObject({
      workflow: { tasks: [{ ...task, status_indicator: 'none' }] },
    });
    expect(await store.loadItem(threadId, 'image-pending', context)).toMatchObject({
      image: { id: 'img', url: 'data:image/png;base64,AAAA' },
    });
  });

  it('folds updates into a copy, so a task the responder also adds to its own item is not counted twice', async () => {
    const task: CustomTask = { type: 'custom', title: 'foo', content: 'bar', status_indicator: 'none' };
    const { server, store, context } = makeServer({
      async *respond(thread) {
        const workflowItem: WorkflowItem = {
          id: 'workflow-item',
          thread_id: thread.id,
          created_at: new Date().toISOString(),
          type: 'workflow',
          workflow: { type: 'custom', tasks: [], expanded: false },
        };
        yield { type: 'thread.item.added', item: workflowItem };
        yield {
          type: 'thread.item.updated',
          item_id: 'workflow-item',
          update: { type: 'workflow.task.added', task_index: 0, task },
        };
        workflowItem.workflow.tasks.push(task);
        yield { type: 'thread.item.done', item: workflowItem };
      },
    });

    const events = await collectEvents(await server.process(createBody('Hello'), context));
    const threadId = threadIdOf(events);
    const workflowItem = (tasks: CustomTask[]) => ({
      id: 'workflow-item',
      thread_id: threadId,
      created_at: isoTimestamp,
      type: 'workflow',
      workflow: { type: 'custom', tasks, expanded: false },
    });

    expect(events).toEqual([
      expectedCreated(threadId),
      expectedUserMessage(threadId, 'Hello'),
      SO,
      { type: 'thread.item.added', item: workflowItem([]) },
      { type: 'thread.item.updated', item_id: 'workflow-item', update: { type: 'workflow.task.added', task_index: 0, task } },
      { type: 'thread.item.done', item: workflowItem([task]) },
    ]);
    expect(await store.loadItem(threadId, 'workflow-item', context)).toEqual(workflowItem([task]));
  });
});

describe('the responder learns that the client went away', () => {
  it('its run.signal aborts when the consumer stops iterating the StreamingResult mid-stream', async () => {
    let signal: AbortSignal | undefined;
    const { server, context } = makeServer({
      async *respond(thread, _input, _context, run) {
        signal = run.signal;
        yield { type: 'thread.item.added', item: assistantMessage(thread.id, 'a_pending', 'Thinking') };
        await untilAborted(run.signal);
      },
    });

    for await (const event of iterateEvents(await server.process(createBody('Hello'), context))) {
      if (event.type !== 'thread.item.added') continue;
      expect(signal?.aborted).toBe(false);
      break;
    }

    expect(signal?.aborted).toBe(true);
  });

  it('its run.signal aborts when result.cancel() is called while it waits, and the stream ends without an error event', async () => {
    const { server, context, waiting, sawAbort, signal } = serverWithWaitingReply();
    const result = await server.process(createBody('Hello'), context);
    if (!result.streaming) throw new Error('threads.create answered JSON');
    const collecting = collectEvents(result);

    await waiting;
    expect(signal()?.aborted).toBe(false);
    result.cancel();
    expect(signal()?.aborted).toBe(true);
    await sawAbort;

    const events = await collecting;
    const threadId = threadIdOf(events);
    expect(events).toEqual([
      expectedCreated(threadId),
      expectedUserMessage(threadId, 'Hello'),
      SO,
      {
        type: 'thread.item.done',
        item: { ...assistantMessage(threadId, 'assistant_done', 'First part'), created_at: isoTimestamp },
      },
    ]);
  });

  it('its run.signal aborts when the HTTP request behind handle() is aborted, and the cancellation is saved', async () => {
    const { server, store, context, waiting, sawAbort, signal } = serverWithWaitingReply(true);
    const controller = new AbortController();
    const response = await server.handle(
      new Request('http://chatwire.test/chatkit', { method: 'POST', body: createBody('Hello'), signal: controller.signal }),
      context,
    );
    expect(response.status).toBe(200);
    const collecting = collectEvents(response);

    await waiting;
    expect(signal()?.aborted).toBe(false);
    controller.abort();
    await sawAbort;
    expect(signal()?.aborted).toBe(true);

    const events = await collecting;
    const threadId = threadIdOf(events);
    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
    const stored = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(stored.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect((await store.loadThread(threadId, context)).title).toBe('Half-finished title');
  });
});

describe('what a cancelled reply leaves in the thread', () => {
  it('the hidden note is stored but never appears in threads.get_by_id or items.list answers', async () => {
    const { server, store, context, waiting, json } = serverWithWaitingReply();
    const result = await server.process(createBody('Hello'), context);
    if (!result.streaming) throw new Error('threads.create answered JSON');
    const collecting = collectEvents(result);
    await waiting;
    result.cancel();
    const threadId = threadIdOf(await collecting);

    const stored = await store.loadThreadItems(threadId, undefined, 10, 'asc', context);
    expect(stored.data.at(-1)).toMatchObject({ type: 'sdk_hidden_context', content: CANCELLED_NOTE });

    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(thread.items).toEqual({
      data: [
        expectedUserMessage(threadId, 'Hello').item,
        { ...assistantMessage(threadId, 'assistant_done', 'First part'), created_at: isoTimestamp },
      ],
      has_more: false,
    });
    for (const order of ['asc', 'desc'] as const) {
      const page = await json('items.list', { thread_id: threadId, order });
      expect(page.data.map((item) => item.type)).toEqual(
        order === 'asc' ? ['user_message', 'assistant_message'] : ['assistant_message', 'user_message'],
      );
      expect(page.has_more).toBe(false);
    }
  });

  it('a thread change the responder made before the cancel is saved, though no thread.updated reaches the gone client', async () => {
    const { server, store, context, waiting, json } = serverWithWaitingReply(true);
    const result = await server.process(createBody('Hello'), context);
    if (!result.streaming) throw new Error('threads.create answered JSON');
    const collecting = collectEvents(result);
    await waiting;
    result.cancel();
    const events = await collecting;
    const threadId = threadIdOf(events);

    expect(events.map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.done',
    ]);
    const saved = await store.loadThread(threadId, context);
    expect(saved.title).toBe('Half-finished title');
    expect(saved.metadata).toEqual({ step: 2 });
    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(thread.title).toBe('Half-finished title');
    expect(thread.metadata).toEqual({});
  });
});
