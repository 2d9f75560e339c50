import type { SortOrder, ThreadItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors.js';
import { assistantMessage, fileAttachment, ids, makeThread, numberedMessages, userMessage, widgetItem } from './fixtures.js';
import { time, uniqueId, type Harness } from './harness.js';

export function describeItems<TContext>(h: Harness<TContext>): void {
  /** A fresh user with one saved thread holding `items`, added in the given order. */
  async function threadWith<T extends ThreadItem>(items: (threadId: string) => T[]) {
    const user = h.newUser();
    const thread = makeThread();
    await h.store.saveThread(thread, user);
    const added = items(thread.id);
    for (const item of added) await h.store.addThreadItem(thread.id, item, user);
    return { user, threadId: thread.id, items: added };
  }

  async function list(user: TContext, threadId: string, order: SortOrder, after?: string, limit = 100) {
    return h.store.loadThreadItems(threadId, after, limit, order, user);
  }

  describe('thread items', () => {
    it('saves and loads items of every kind as given', async () => {
      const { user, threadId, items } = await threadWith((id) => [
        userMessage(id, {
          created_at: time(0),
          attachments: [fileAttachment({ metadata: { source: 'test' } })],
          quoted_text: 'quoted',
          inference_options: { model: 'gpt-test', tool_choice: { id: 'search' } },
        }),
        assistantMessage(id, { created_at: time(1) }),
        widgetItem(id, { created_at: time(2) }),
      ]);
      expect((await list(user, threadId, 'asc')).data).toEqual(items);
    });

    it('orders items oldest first ascending and newest first descending', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 3));
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual(ids(items));
      expect(ids((await list(user, threadId, 'desc')).data)).toEqual(ids(items).reverse());
    });

    it('an item page starts strictly after the given item', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 5));
      const [msg0, msg1, msg2, msg3, msg4] = ids(items);
      const rest = await list(user, threadId, 'asc', msg1, 3);
      expect(ids(rest.data)).toEqual([msg2, msg3, msg4]);
      expect(rest.has_more).toBe(false);
      expect(rest.after).toBeUndefined();

      const first = await list(user, threadId, 'asc', undefined, 2);
      expect(ids(first.data)).toEqual([msg0, msg1]);
      expect(first).toMatchObject({ has_more: true, after: msg1 });

      expect(ids((await list(user, threadId, 'desc', msg3, 2)).data)).toEqual([msg2, msg1]);
    });

    it('following the cursor visits every item exactly once in both orders', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 7));
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await list(user, threadId, order, after, 3);
          seen.push(...ids(page.data));
          after = page.has_more ? page.after : undefined;
        } while (after !== undefined);
        expect(seen).toEqual(order === 'asc' ? ids(items) : ids(items).reverse());
      }
    });

    it('an item cursor that does not exist gives an empty page', async () => {
      const { user, threadId } = await threadWith((id) => numberedMessages(id, 2));
      expect(await list(user, threadId, 'asc', uniqueId('msg'))).toEqual({ data: [], has_more: false });
    });

    it('items created at the same instant keep their insertion order, reversed when newest first', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 5, 0));
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual(ids(items));
      expect(ids((await list(user, threadId, 'desc')).data)).toEqual(ids(items).reverse());
    });

    it('an item added out of order is placed by its created_at', async () => {
      const { user, threadId, items } = await threadWith((id) => [
        assistantMessage(id, { created_at: time(2) }),
        assistantMessage(id, { created_at: time(0) }),
        assistantMessage(id, { created_at: time(1) }),
      ]);
      const [late, early, middle] = ids(items);
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual([early, middle, late]);
    });

    it('timestamps in different ISO forms are ordered by instant, not by text', async () => {
      const { user, threadId, items } = await threadWith((id) => [
        assistantMessage(id, { created_at: '2030-01-01T00:00:00.000Z' }),
        assistantMessage(id, { created_at: '2030-01-01T01:30:00+02:00' }),
      ]);
      const [utc, offset] = ids(items);
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual([offset, utc]);
    });

    it('adding an item whose id is already in the thread replaces it without duplicating or moving it', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 3));
      const [, middle] = items;
      const again = { ...middle!, content: [{ type: 'output_text' as const, text: 'again', annotations: [] }] };
      await h.store.addThreadItem(threadId, again, user);
      await h.store.addThreadItem(threadId, again, user);
      const loaded = (await list(user, threadId, 'asc')).data;
      expect(ids(loaded)).toEqual(ids(items));
      expect(loaded[1]).toEqual(again);
    });

    it('saving an existing item updates it in place', async () => {
      const { user, threadId, items } = await threadWith((id) => [
        assistantMessage(id, { created_at: time(0), content: [] }),
        widgetItem(id, { created_at: time(1) }),
      ]);
      const [assistant, widget] = items;
      const updated = { ...assistant!, content: [{ type: 'output_text' as const, text: 'Updated.', annotations: [] }] };
      await h.store.saveItem(threadId, updated, user);
      await h.store.saveItem(threadId, widget!, user);

      expect(await h.store.loadItem(threadId, assistant!.id, user)).toEqual(updated);
      expect(await h.store.loadItem(threadId, widget!.id, user)).toEqual(widget);
      expect((await list(user, threadId, 'asc')).data).toEqual([updated, widget]);
    });

    it('saving a new item inserts it by created_at', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 3, 10));
      const inserted = assistantMessage(threadId, { created_at: time(15) });
      await h.store.saveItem(threadId, inserted, user);
      const [first, second, third] = ids(items);
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual([first, second, inserted.id, third]);
    });

    it('loading a missing item throws NotFoundError', async () => {
      const { user, threadId } = await threadWith((id) => numberedMessages(id, 1));
      await expect(h.store.loadItem(threadId, uniqueId('msg'), user)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("an item is not found through another of the same user's threads", async () => {
      const { user, items } = await threadWith((id) => numberedMessages(id, 1));
      const other = makeThread();
      await h.store.saveThread(other, user);
      await expect(h.store.loadItem(other.id, items[0]!.id, user)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('item operations on a missing thread throw NotFoundError', async () => {
      const user = h.newUser();
      const missing = uniqueId('thr');
      const item = assistantMessage(missing);
      await expect(list(user, missing, 'asc')).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.addThreadItem(missing, item, user)).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.saveItem(missing, item, user)).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.loadItem(missing, item.id, user)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('deleting an item removes only that item', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 3));
      const [first, second, third] = ids(items);
      await h.store.deleteThreadItem(threadId, second!, user);
      expect(ids((await list(user, threadId, 'asc')).data)).toEqual([first, third]);
      await expect(h.store.loadItem(threadId, second!, user)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('deleting a missing item, or an item of a missing thread, does nothing', async () => {
      const { user, threadId, items } = await threadWith((id) => numberedMessages(id, 2));
      await expect(h.store.deleteThreadItem(threadId, uniqueId('msg'), user)).resolves.toBeUndefined();
      await expect(h.store.deleteThreadItem(uniqueId('thr'), items[0]!.id, user)).resolves.toBeUndefined();
      expect((await list(user, threadId, 'asc')).data).toEqual(items);
    });
  });
}
