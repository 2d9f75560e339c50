import type { AssistantMessageItem, ThreadMetadata } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { makeServer, textInput, type Responder, type TestContext, threadIdOf } from '@chatwire/test-support/hooked-server';
import { collectEvents, parseSse } from './testing/index.js';

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

/** The wire form of a thread in thread.created / thread.updated, with `extra` fields. */
function wireThread(threadId: string, extra: Record<string, unknown> = {}) {
  return {
    id: threadId,
    created_at: isoTimestamp,
    status: { type: 'active' },
    metadata: {},
    items: { data: [], has_more: false },
    ...extra,
  };
}

function userMessageDone(threadId: string, text: string) {
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

/** Creates a thread with a responder that changes the thread, and returns the events and the stored thread. */
async function createWith(change: (thread: ThreadMetadata) => void) {
  const harness = makeServer({
    async *respond(thread) {
      change(thread);
    },
  });
  const events = await harness.stream('threads.create', { input: textInput('Hello') });
  const threadId = threadIdOf(events);
  return { ...harness, events, threadId, stored: await harness.store.loadThread(threadId, harness.context) };
}

describe('thread changes made by the responder', () => {
  it('a new title is saved and announced by one trailing thread.updated', async () => {
    const { events, threadId, stored } = await createWith((thread) => {
      thread.title = 'Updated title';
    });

    expect(events).toEqual([
      { type: 'thread.created', thread: wireThread(threadId) },
      userMessageDone(threadId, 'Hello'),
      SO,
      { type: 'thread.updated', thread: wireThread(threadId, { title: 'Updated title' }) },
    ]);
    expect(stored.title).toBe('Updated title');
  });

  it('a private metadata change is saved and announced, but the announced metadata stays {}', async () => {
    const { events, threadId, stored } = await createWith((thread) => {
      thread.metadata.test_key = 'test_value';
    });

    expect(events).toEqual([
      { type: 'thread.created', thread: wireThread(threadId) },
      userMessageDone(threadId, 'Hello'),
      SO,
      { type: 'thread.updated', thread: wireThread(threadId) },
    ]);
    expect(stored.metadata).toEqual({ test_key: 'test_value' });
  });

  it('locking the thread is saved and announced with the locked status', async () => {
    const { events, threadId, stored } = await createWith((thread) => {
      thread.status = { type: 'locked', reason: 'Because' };
    });

    expect(events).toEqual([
      { type: 'thread.created', thread: wireThread(threadId) },
      userMessageDone(threadId, 'Hello'),
      SO,
      { type: 'thread.updated', thread: wireThread(threadId, { status: { type: 'locked', reason: 'Because' } }) },
    ]);
    expect(stored.status).toEqual({ type: 'locked', reason: 'Because' });
  });

  it('allowed_image_domains is saved and announced', async () => {
    const domains = ['example.com', 'images.example.com'];
    const { events, threadId, stored } = await createWith((thread) => {
      thread.allowed_image_domains = domains;
    });

    expect(events).toEqual([
      { type: 'thread.created', thread: wireThread(threadId) },
      userMessageDone(threadId, 'Hello'),
      SO,
      { type: 'thread.updated', thread: wireThread(threadId, { allowed_image_domains: domains }) },
    ]);
    expect(stored.allowed_image_domains).toEqual(domains);
  });

  it('an unset allowed_image_domains is left out of the raw JSON of thread.created and thread.updated', async () => {
    const { server, context } = makeServer({
      async *respond(thread) {
        thread.title = 'Updated title';
      },
    });
    const body = JSON.stringify({ type: 'threads.create', params: { input: textInput('Hello') } });
    const response = await server.handle(new Request('http://chatwire.test/chatkit', { method: 'POST', body }), context);
    const text = await response.text();
    const events = parseSse(text);

    expect(events.map((event) => event.type)).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.updated']);
    const frames = text.split('\n\n').filter((frame) => frame !== '');
    const created = frames.find((frame) => frame.includes('"type":"thread.created"'));
    const updated = frames.find((frame) => frame.includes('"type":"thread.updated"'));
    expect(created).toBeDefined();
    expect(updated).toContain('"title":"Updated title"');
    expect(created).not.toContain('allowed_image_domains');
    expect(updated).not.toContain('allowed_image_domains');
  });

  it('a mid-stream title change is announced right after the next event the responder yields, and saved', async () => {
    const { stream, store, context } = makeServer({
      async *respond(thread) {
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_a', 'A') };
        thread.title = 'Mid-stream title';
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_b', 'B') };
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_c', 'C') };
      },
    });
    const events = await stream('threads.create', { input: textInput('Hello') });
    const threadId = threadIdOf(events);
    const done = (id: string, text: string) => ({
      type: 'thread.item.done',
      item: { ...assistantMessage(threadId, id, text), created_at: isoTimestamp },
    });

    expect(events).toEqual([
      { type: 'thread.created', thread: wireThread(threadId) },
      userMessageDone(threadId, 'Hello'),
      SO,
      done('assistant_a', 'A'),
      done('assistant_b', 'B'),
      { type: 'thread.updated', thread: wireThread(threadId, { title: 'Mid-stream title' }) },
      done('assistant_c', 'C'),
    ]);
    expect((await store.loadThread(threadId, context)).title).toBe('Mid-stream title');
  });

  it('setting the title to the value it already has announces nothing', async () => {
    let calls = 0;
    const { stream, json, createThread } = makeServer({
      async *respond(thread) {
        calls += 1;
        if (calls === 1) return;
        thread.title = 'Trip plan';
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_1', 'Sure') };
        thread.title = 'Trip plan';
      },
    });
    const { thread } = await createThread('Plan a trip');
    await json('threads.update', { thread_id: thread.id, title: 'Trip plan' });

    const events = await stream('threads.add_user_message', { thread_id: thread.id, input: textInput('Go on') });

    expect(events).toEqual([
      userMessageDone(thread.id, 'Go on'),
      SO,
      { type: 'thread.item.done', item: { ...assistantMessage(thread.id, 'assistant_1', 'Sure'), created_at: isoTimestamp } },
    ]);
  });

  it('saveThread never receives an items key, whichever path saves the thread', async () => {
    class RecordingStore extends MemoryStore<TestContext> {
      readonly savedKeys: string[][] = [];
      override async saveThread(thread: ThreadMetadata, context: TestContext): Promise<void> {
        this.savedKeys.push(Object.keys(thread));
        return super.saveThread(thread, context);
      }
    }
    const store = new RecordingStore();
    let markWaiting!: () => void;
    const waiting = new Promise<void>((resolve) => (markWaiting = resolve));
    const respond: Responder = async function* (thread, input, _context, run) {
      const text = input?.content[0]?.type === 'input_text' ? input.content[0].text : '';
      if (text === 'first') {
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_1', 'One') };
        thread.title = 'Mid-stream';
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'assistant_2', 'Two') };
        thread.status = { type: 'active' };
        thread.metadata.seen = true;
        return;
      }
      // The second reply changes the thread, then waits until the client goes away.
      thread.title = 'Cancelled while thinking';
      markWaiting();
      await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const { server, stream, json, context } = makeServer({ store, respond });

    const created = await stream('threads.create', { input: textInput('first') });
    const threadId = threadIdOf(created);
    expect(created.filter((event) => event.type === 'thread.updated')).toHaveLength(2);
    await json('threads.update', { thread_id: threadId, title: 'Renamed' });
    const body = JSON.stringify({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: textInput('second') },
    });
    const result = await server.process(body, context);
    if (!result.streaming) throw new Error('threads.add_user_message answered JSON');
    const collecting = collectEvents(result);
    await waiting;
    result.cancel();
    expect((await collecting).map((event) => event.type)).toEqual(['thread.item.done', 'stream_options']);

    // create, two changes during the first reply, threads.update, and the cancelled reply's change.
    expect(store.savedKeys).toHaveLength(5);
    for (const keys of store.savedKeys) expect(keys).not.toContain('items');
    expect((await store.loadThread(threadId, context)).title).toBe('Cancelled while thinking');
  });
});
