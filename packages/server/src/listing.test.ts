import type { SortOrder, ThreadItem, UserMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput, threadIdOf } from '@chatwire/test-support/hooked-server';

const isoTimestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

/** A clock one second further on at every call, so every thread and item has its own created_at. */
function ticking(start = Date.parse('2025-03-01T09:00:00.000Z')): () => string {
  let time = start;
  return () => new Date((time += 1000)).toISOString();
}

function userMessage(threadId: string, id: string, text: string, createdAt: string): UserMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: createdAt,
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}

/** A thread whose reply is `count` user messages `msg_0…`, each a second newer than the last. */
async function threadWithMessages(count: number) {
  const now = ticking();
  const harness = makeServer({
    options: { now },
    async *respond(thread) {
      for (let i = 0; i < count; i++) {
        yield { type: 'thread.item.done', item: userMessage(thread.id, `msg_${i}`, `Message ${i}`, now()) };
      }
    },
  });
  const events = await harness.stream('threads.create', { input: textInput('Thread 1') });
  const threadId = threadIdOf(events);
  const original = events[1]?.type === 'thread.item.done' ? events[1].item.id : undefined;
  if (!original) throw new Error('threads.create did not send the user message');
  return { ...harness, threadId, original };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const range = (from: number, to: number) => {
  const out: string[] = [];
  for (let i = from; from <= to ? i <= to : i >= to; i += from <= to ? 1 : -1) out.push(`msg_${i}`);
  return out;
};

describe('threads.list', () => {
  it('pages newest first: 20 threads with has_more and after, then the last 5 without after', async () => {
    const { createThread, json } = makeServer({ options: { now: ticking() } });
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await createThread(`Thread ${i}`)).thread.id);
    const newestFirst = [...created].reverse();

    const first = await json('threads.list', { limit: 20, order: 'desc', after: null });
    expect(ids(first.data)).toEqual(newestFirst.slice(0, 20));
    expect(first.has_more).toBe(true);
    expect(first.after).toBe(first.data[19]?.id);
    const [newest, next] = first.data;
    expect(newest && next && Date.parse(newest.created_at) > Date.parse(next.created_at)).toBe(true);
    for (const thread of first.data) {
      expect(thread).toEqual({
        id: expect.any(String),
        created_at: isoTimestamp,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      });
    }

    const second = await json('threads.list', { after: first.after });
    expect(ids(second.data)).toEqual(newestFirst.slice(20));
    expect(second.has_more).toBe(false);
    expect(second.after).toBeUndefined();
  });

  it('pages oldest first with order asc, following after to the end', async () => {
    const { createThread, json } = makeServer({ options: { now: ticking() } });
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await createThread(`Thread ${i}`)).thread.id);

    const first = await json('threads.list', { limit: 20, order: 'asc' });
    expect(ids(first.data)).toEqual(created.slice(0, 20));
    expect(first).toMatchObject({ has_more: true, after: created[19] });
    const second = await json('threads.list', { limit: 20, order: 'asc', after: first.after });
    expect(ids(second.data)).toEqual(created.slice(20));
    expect(second.has_more).toBe(false);
    expect(second.after).toBeUndefined();
  });
});

describe('items.list', () => {
  it('pages newest first with a default limit of 20, then the rest without after', async () => {
    const { json, threadId, original } = await threadWithMessages(25);

    const first = await json('items.list', { thread_id: threadId, limit: null, order: 'desc', after: null });
    expect(ids(first.data)).toEqual(range(24, 5));
    const [newest, next] = first.data;
    expect(newest && next && Date.parse(newest.created_at) > Date.parse(next.created_at)).toBe(true);
    expect(first.has_more).toBe(true);
    expect(first.after).toBe('msg_5');

    const second = await json('items.list', { thread_id: threadId, after: 'msg_5' });
    expect(ids(second.data)).toEqual([...range(4, 0), original]);
    expect(second.has_more).toBe(false);
    expect(second.after).toBeUndefined();
  });

  it('following after reaches the end in both orders, every item exactly once', async () => {
    const { json, threadId, original } = await threadWithMessages(25);
    const oldestFirst = [original, ...range(0, 24)];

    for (const order of ['asc', 'desc'] as SortOrder[]) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let pageNumber = 0; pageNumber < 10; pageNumber++) {
        const page = await json('items.list', { thread_id: threadId, limit: 7, order, after });
        seen.push(...ids(page.data));
        if (!page.has_more) {
          expect(page.after).toBeUndefined();
          break;
        }
        expect(page.data).toHaveLength(7);
        expect(page.after).toBe(page.data.at(-1)?.id);
        after = page.after;
      }
      expect(seen).toEqual(order === 'asc' ? oldestFirst : [...oldestFirst].reverse());
    }
  });

  it('a limit of 0 means the default page of 20', async () => {
    const { json, threadId } = await threadWithMessages(25);

    const page = await json('items.list', { thread_id: threadId, limit: 0 });
    expect(ids(page.data)).toEqual(range(24, 5));
    expect(page).toMatchObject({ has_more: true, after: 'msg_5' });
  });

  it('a limit of 500 answers at most 100 items, with has_more telling the client to go on', async () => {
    const { json, threadId } = await threadWithMessages(119);

    const page = await json('items.list', { thread_id: threadId, limit: 500 });
    expect(ids(page.data)).toEqual(range(118, 19));
    expect(page).toMatchObject({ has_more: true, after: 'msg_19' });
  });
});

describe('hidden items', () => {
  it('are stored but left out of the stream, items.list and threads.get_by_id', async () => {
    const now = ticking();
    const { stream, json, store, context } = makeServer({
      options: { now },
      async *respond(thread) {
        const base = { thread_id: thread.id };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: 'a1', created_at: now(), type: 'assistant_message', content: [] },
        };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: 'h1', created_at: now(), type: 'hidden_context_item', content: { note: 'x' } },
        };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: 'h2', created_at: now(), type: 'sdk_hidden_context', content: 'note' },
        };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: 'a2', created_at: now(), type: 'assistant_message', content: [] },
        };
      },
    });

    const events = await stream('threads.create', { input: textInput('Hi') });
    const threadId = threadIdOf(events);
    const doneIds = events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item.id] : []));
    const userId = doneIds[0];
    expect(doneIds).toEqual([expect.stringMatching(/^msg_/), 'a1', 'a2']);

    const stored = await store.loadThreadItems(threadId, undefined, 20, 'asc', context);
    expect(ids(stored.data)).toEqual([userId, 'a1', 'h1', 'h2', 'a2']);

    const desc = await json('items.list', { thread_id: threadId });
    expect(ids(desc.data)).toEqual(['a2', 'a1', userId]);
    const asc = await json('items.list', { thread_id: threadId, order: 'asc' });
    expect(ids(asc.data)).toEqual([userId, 'a1', 'a2']);
    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(ids(thread.items.data)).toEqual([userId, 'a1', 'a2']);
    expect(thread.items.has_more).toBe(false);
  });
});

describe('threads.get_by_id', () => {
  it('answers the thread with its first page of items, oldest first', async () => {
    const { createThread, json } = makeServer();
    const { thread, events } = await createThread('Test thread');
    const sent = events[1];
    if (sent?.type !== 'thread.item.done') throw new Error('threads.create did not send the user message');

    const answer = await json('threads.get_by_id', { thread_id: thread.id });

    const expectedItem: ThreadItem = userMessage(thread.id, sent.item.id, 'Test thread', sent.item.created_at);
    expect(answer).toEqual({
      id: thread.id,
      created_at: thread.created_at,
      status: { type: 'active' },
      metadata: {},
      items: { data: [expectedItem], has_more: false },
    });
    expect(answer.title).toBeUndefined();
  });
});
