import type { ThreadMetadata } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors.js';
import { assistantMessage, ids, makeThread } from './fixtures.js';
import { time, uniqueId, type Harness } from './harness.js';

export function describeThreads<TContext>(h: Harness<TContext>): void {
  describe('threads', () => {
    it('saves and loads thread metadata as given', async () => {
      const user = h.newUser();
      const thread = makeThread({
        status: { type: 'locked', reason: 'Read only' },
        allowed_image_domains: ['images.example.com'],
        metadata: { test: 'test', nested: { list: [1, 2] } },
      });
      await h.store.saveThread(thread, user);
      expect(await h.store.loadThread(thread.id, user)).toEqual(thread);
    });

    it('a thread without a title loads without one', async () => {
      const user = h.newUser();
      const { title: _title, ...untitled } = makeThread();
      await h.store.saveThread(untitled, user);
      const loaded = await h.store.loadThread(untitled.id, user);
      expect(loaded.title).toBeUndefined();
      expect(loaded.metadata).toEqual({ test: 'test' });
    });

    it('saving a thread again overwrites it', async () => {
      const user = h.newUser();
      const thread = makeThread();
      await h.store.saveThread(thread, user);
      const updated: ThreadMetadata = { ...thread, title: 'Updated Title', status: { type: 'closed' }, metadata: {} };
      await h.store.saveThread(updated, user);
      expect(await h.store.loadThread(thread.id, user)).toEqual(updated);
      expect(ids((await h.store.loadThreads(10, undefined, 'asc', user)).data)).toEqual([thread.id]);
    });

    it('saving a thread again replaces it whole, so a removed title stays removed', async () => {
      const user = h.newUser();
      const thread = makeThread();
      await h.store.saveThread(thread, user);
      const { title: _title, ...untitled } = thread;
      await h.store.saveThread(untitled, user);
      expect((await h.store.loadThread(thread.id, user)).title).toBeUndefined();
    });

    it('saving a full thread stores only its metadata, never its items', async () => {
      const user = h.newUser();
      const metadata = makeThread();
      const withItems = { ...metadata, items: { data: [assistantMessage(metadata.id)], has_more: false } };
      await h.store.saveThread(withItems, user);
      expect(Object.keys(await h.store.loadThread(metadata.id, user))).not.toContain('items');
      const [listed] = (await h.store.loadThreads(10, undefined, 'asc', user)).data;
      expect(Object.keys(listed ?? {})).not.toContain('items');
      expect((await h.store.loadThreadItems(metadata.id, undefined, 10, 'asc', user)).data).toEqual([]);
    });

    it('loading a missing thread throws NotFoundError', async () => {
      await expect(h.store.loadThread(uniqueId('thr'), h.newUser())).rejects.toBeInstanceOf(NotFoundError);
    });

    it('a new user has no threads', async () => {
      expect(await h.store.loadThreads(10, undefined, 'desc', h.newUser())).toEqual({ data: [], has_more: false });
    });

    it('lists threads oldest first in pages, with has_more and the next cursor', async () => {
      const user = h.newUser();
      const [first, second, third] = await saveThreads(h, user, [0, 1, 2]);
      const page1 = await h.store.loadThreads(2, undefined, 'asc', user);
      expect(ids(page1.data)).toEqual([first, second]);
      expect(page1.has_more).toBe(true);
      expect(page1.after).toBe(second);

      const page2 = await h.store.loadThreads(2, page1.after, 'asc', user);
      expect(ids(page2.data)).toEqual([third]);
      expect(page2.has_more).toBe(false);
      expect(page2.after).toBeUndefined();
    });

    it('lists threads newest first in pages, with has_more and the next cursor', async () => {
      const user = h.newUser();
      const [first, second, third] = await saveThreads(h, user, [0, 1, 2]);
      const page1 = await h.store.loadThreads(2, undefined, 'desc', user);
      expect(ids(page1.data)).toEqual([third, second]);
      expect(page1).toMatchObject({ has_more: true, after: second });

      const page2 = await h.store.loadThreads(2, page1.after, 'desc', user);
      expect(ids(page2.data)).toEqual([first]);
      expect(page2.has_more).toBe(false);
      expect(page2.after).toBeUndefined();
    });

    it('orders threads by created_at, not by save order', async () => {
      const user = h.newUser();
      const [late, early, middle] = await saveThreads(h, user, [20, 0, 10]);
      expect(ids((await h.store.loadThreads(10, undefined, 'asc', user)).data)).toEqual([early, middle, late]);
    });

    it('threads created at the same instant keep their save order, reversed when newest first', async () => {
      const user = h.newUser();
      const saved = await saveThreads(h, user, [5, 5, 5, 5]);
      expect(ids((await h.store.loadThreads(10, undefined, 'asc', user)).data)).toEqual(saved);
      expect(ids((await h.store.loadThreads(10, undefined, 'desc', user)).data)).toEqual([...saved].reverse());
    });

    it('a thread list cursor that does not exist gives an empty page', async () => {
      const user = h.newUser();
      await saveThreads(h, user, [0, 1]);
      expect(await h.store.loadThreads(10, uniqueId('thr'), 'asc', user)).toEqual({ data: [], has_more: false });
    });

    it('deleting a thread deletes its items too', async () => {
      const user = h.newUser();
      const thread = makeThread();
      await h.store.saveThread(thread, user);
      await h.store.addThreadItem(thread.id, assistantMessage(thread.id), user);
      await h.store.deleteThread(thread.id, user);

      await expect(h.store.loadThread(thread.id, user)).rejects.toBeInstanceOf(NotFoundError);
      expect((await h.store.loadThreads(10, undefined, 'asc', user)).data).toEqual([]);
      // Saving the same id again must start empty, not resurrect the old items.
      await h.store.saveThread(thread, user);
      expect((await h.store.loadThreadItems(thread.id, undefined, 10, 'asc', user)).data).toEqual([]);
    });

    it('deleting a missing thread does nothing', async () => {
      const user = h.newUser();
      const thread = makeThread();
      await h.store.saveThread(thread, user);
      await expect(h.store.deleteThread(uniqueId('thr'), user)).resolves.toBeUndefined();
      expect(await h.store.loadThread(thread.id, user)).toEqual(thread);
    });
  });
}

/** Saves one thread per offset (seconds after the base time), in the given order; returns their ids. */
async function saveThreads<TContext>(h: Harness<TContext>, user: TContext, offsets: number[]): Promise<string[]> {
  const saved: string[] = [];
  for (const offset of offsets) {
    const thread = makeThread({ created_at: time(offset) });
    await h.store.saveThread(thread, user);
    saved.push(thread.id);
  }
  return saved;
}
