import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors.js';
import { makeServer } from '@chatwire/test-support/hooked-server';
import { parseJsonResponse } from './testing/index.js';

describe('threads.update', () => {
  it('renames the thread, answers it with an empty item page, and keeps the new title', async () => {
    const { json, createThread } = makeServer();
    const { thread } = await createThread('Hello');

    const renamed = await json('threads.update', { thread_id: thread.id, title: 'New Title' });

    expect(renamed).toStrictEqual({
      id: thread.id,
      title: 'New Title',
      created_at: thread.created_at,
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    });
    const loaded = await json('threads.get_by_id', { thread_id: thread.id });
    expect(loaded.title).toBe('New Title');
    expect(loaded.items.data).toHaveLength(1);
    const listed = await json('threads.list', { limit: 20, order: 'desc', after: null });
    expect(listed.data.map((t) => t.title)).toEqual(['New Title']);
  });

  it("answers 404 for another user's thread and leaves its title alone", async () => {
    const { httpError, json, createThread } = makeServer();
    const { thread } = await createThread('Mine', { userId: 'owner' });

    const { status } = await httpError('threads.update', { thread_id: thread.id, title: 'Hijacked' });

    expect(status).toBe(404);
    expect((await json('threads.get_by_id', { thread_id: thread.id }, { userId: 'owner' })).title).toBeUndefined();
  });
});

describe('threads.delete', () => {
  it('answers {} and the thread and its items are gone', async () => {
    const { server, json, httpError, createThread, store, context } = makeServer();
    const { thread } = await createThread('Hello');

    const result = await server.process(JSON.stringify({ type: 'threads.delete', params: { thread_id: thread.id } }), context);
    if (result.streaming) throw new Error('threads.delete answered a stream');
    expect(parseJsonResponse('threads.delete', result.json)).toStrictEqual({});
    expect(result.json).toBe('{}');
    expect(await json('threads.list', {})).toStrictEqual({ data: [], has_more: false });

    const { status, body } = await httpError('threads.get_by_id', { thread_id: thread.id });
    expect(status).toBe(404);
    expect(body.error).toStrictEqual({ code: 'not_found', message: `Thread ${thread.id} not found` });

    // Saving a thread under the same id again must not bring the old items back.
    await expect(store.loadThreadItems(thread.id, undefined, 20, 'asc', context)).rejects.toBeInstanceOf(NotFoundError);
    await store.saveThread({ id: thread.id, created_at: thread.created_at, status: { type: 'active' }, metadata: {} }, context);
    expect((await store.loadThreadItems(thread.id, undefined, 20, 'asc', context)).data).toEqual([]);
  });

  it('answers 404 for a thread that does not exist (the reference answers {} without checking)', async () => {
    const { httpError } = makeServer();
    const { status, body } = await httpError('threads.delete', { thread_id: 'thr_missing' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it("answers 404 for another user's thread, which its owner still has", async () => {
    const { httpError, json, createThread } = makeServer();
    const { thread } = await createThread('Mine', { userId: 'owner' });

    const { status } = await httpError('threads.delete', { thread_id: thread.id });

    expect(status).toBe(404);
    const kept = await json('threads.get_by_id', { thread_id: thread.id }, { userId: 'owner' });
    expect(kept.items.data).toHaveLength(1);
  });
});
