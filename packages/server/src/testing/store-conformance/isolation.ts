import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors.js';
import { assistantMessage, fileAttachment, ids, makeThread, numberedMessages } from './fixtures.js';
import { outcomeOf, uniqueId, type Harness } from './harness.js';

/**
 * For every store method, user B holding user A's ids must get exactly what a missing id
 * gives (the same error class, or the same empty or no-op result), and A's data must be
 * unchanged afterwards. Each test compares B's outcome with the outcome for a fresh id.
 */
export function describeIsolation<TContext>(h: Harness<TContext>): void {
  /** User A with a thread of three items and an attachment, plus a second user B. */
  async function seedOwner() {
    const owner = h.newUser();
    const other = h.newUser();
    const thread = makeThread({ title: "A's secret", metadata: { owner: 'a' } });
    const items = numberedMessages(thread.id, 3);
    const attachment = fileAttachment({ metadata: { owner: 'a' } });
    await h.store.saveThread(thread, owner);
    for (const item of items) await h.store.addThreadItem(thread.id, item, owner);
    await h.store.saveAttachment(attachment, owner);
    const expectOwnerUntouched = async () => {
      expect(await h.store.loadThread(thread.id, owner)).toEqual(thread);
      expect((await h.store.loadThreads(10, undefined, 'asc', owner)).data).toEqual([thread]);
      expect((await h.store.loadThreadItems(thread.id, undefined, 10, 'asc', owner)).data).toEqual(items);
      expect(await h.store.loadAttachment(attachment.id, owner)).toEqual(attachment);
    };
    return { owner, other, thread, items, attachment, expectOwnerUntouched };
  }

  describe('isolation between users', () => {
    it("another user's thread is indistinguishable from a missing one", async () => {
      const { other, thread, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.loadThread(thread.id, other));
      expect(foreign).toEqual({ rejected: NotFoundError });
      expect(foreign).toEqual(await outcomeOf(h.store.loadThread(uniqueId('thr'), other)));
      await expectOwnerUntouched();
    });

    it("another user's threads never appear in a thread list, and their ids are unknown cursors", async () => {
      const { other, thread, expectOwnerUntouched } = await seedOwner();
      expect(await h.store.loadThreads(10, undefined, 'asc', other)).toEqual({ data: [], has_more: false });
      expect(await h.store.loadThreads(10, undefined, 'desc', other)).toEqual({ data: [], has_more: false });

      const own = makeThread();
      await h.store.saveThread(own, other);
      const foreignCursor = await outcomeOf(h.store.loadThreads(10, thread.id, 'asc', other));
      expect(foreignCursor).toEqual(await outcomeOf(h.store.loadThreads(10, uniqueId('thr'), 'asc', other)));
      expect(ids((await h.store.loadThreads(10, undefined, 'asc', other)).data)).toEqual([own.id]);
      await expectOwnerUntouched();
    });

    it("saving a thread under another user's thread id creates the saver's own thread", async () => {
      const { other, thread, expectOwnerUntouched } = await seedOwner();
      const mine = makeThread({ id: thread.id, title: "B's thread", metadata: { owner: 'b' } });
      await h.store.saveThread(mine, other);
      expect(await h.store.loadThread(thread.id, other)).toEqual(mine);
      expect((await h.store.loadThreadItems(thread.id, undefined, 10, 'asc', other)).data).toEqual([]);
      await expectOwnerUntouched();
    });

    it("deleting another user's thread does nothing", async () => {
      const { other, thread, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.deleteThread(thread.id, other));
      expect(foreign).toEqual(await outcomeOf(h.store.deleteThread(uniqueId('thr'), other)));
      expect(foreign).toEqual({ resolved: undefined });
      await expectOwnerUntouched();
    });

    it("another user's thread items are indistinguishable from a missing thread's", async () => {
      const { other, thread, items, expectOwnerUntouched } = await seedOwner();
      for (const after of [undefined, items[0]!.id]) {
        const foreign = await outcomeOf(h.store.loadThreadItems(thread.id, after, 10, 'asc', other));
        expect(foreign).toEqual({ rejected: NotFoundError });
        expect(foreign).toEqual(await outcomeOf(h.store.loadThreadItems(uniqueId('thr'), after, 10, 'asc', other)));
      }
      await expectOwnerUntouched();
    });

    it("adding or saving an item in another user's thread fails as for a missing thread", async () => {
      const { other, thread, items, expectOwnerUntouched } = await seedOwner();
      const missing = uniqueId('thr');
      const intruders = [assistantMessage(thread.id), { ...items[1]!, content: [] }];
      for (const item of intruders) {
        for (const write of [h.store.addThreadItem.bind(h.store), h.store.saveItem.bind(h.store)]) {
          const foreign = await outcomeOf(write(thread.id, item, other));
          expect(foreign).toEqual({ rejected: NotFoundError });
          expect(foreign).toEqual(await outcomeOf(write(missing, { ...item, thread_id: missing }, other)));
        }
      }
      await expectOwnerUntouched();
    });

    it("another user's item is indistinguishable from a missing one", async () => {
      const { other, thread, items, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.loadItem(thread.id, items[0]!.id, other));
      expect(foreign).toEqual({ rejected: NotFoundError });
      expect(foreign).toEqual(await outcomeOf(h.store.loadItem(uniqueId('thr'), uniqueId('msg'), other)));
      await expectOwnerUntouched();
    });

    it("deleting another user's item does nothing", async () => {
      const { other, thread, items, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.deleteThreadItem(thread.id, items[0]!.id, other));
      expect(foreign).toEqual({ resolved: undefined });
      expect(foreign).toEqual(await outcomeOf(h.store.deleteThreadItem(uniqueId('thr'), uniqueId('msg'), other)));
      await expectOwnerUntouched();
    });

    it("a user whose thread shares another user's thread id sees and touches only their own items", async () => {
      const { other, thread, items, expectOwnerUntouched } = await seedOwner();
      await h.store.saveThread(makeThread({ id: thread.id }), other);
      const [first, second] = items;
      const missing = uniqueId('msg');

      expect(await outcomeOf(h.store.loadItem(thread.id, first!.id, other))).toEqual(
        await outcomeOf(h.store.loadItem(thread.id, missing, other)),
      );
      expect(await h.store.loadThreadItems(thread.id, first!.id, 10, 'asc', other)).toEqual(
        await h.store.loadThreadItems(thread.id, missing, 10, 'asc', other),
      );
      await h.store.deleteThreadItem(thread.id, first!.id, other);
      const mine = { ...second!, content: [] };
      await h.store.addThreadItem(thread.id, mine, other);
      await h.store.saveItem(thread.id, mine, other);

      expect((await h.store.loadThreadItems(thread.id, undefined, 10, 'asc', other)).data).toEqual([mine]);
      expect(await h.store.loadItem(thread.id, second!.id, other)).toEqual(mine);
      await expectOwnerUntouched();
    });

    it("another user's attachment is indistinguishable from a missing one", async () => {
      const { other, attachment, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.loadAttachment(attachment.id, other));
      expect(foreign).toEqual({ rejected: NotFoundError });
      expect(foreign).toEqual(await outcomeOf(h.store.loadAttachment(uniqueId('atc'), other)));
      await expectOwnerUntouched();
    });

    it("saving an attachment under another user's attachment id creates the saver's own", async () => {
      const { other, attachment, expectOwnerUntouched } = await seedOwner();
      const mine = fileAttachment({ id: attachment.id, name: 'b.txt', metadata: { owner: 'b' } });
      await h.store.saveAttachment(mine, other);
      expect(await h.store.loadAttachment(attachment.id, other)).toEqual(mine);
      await expectOwnerUntouched();
    });

    it("deleting another user's attachment does nothing", async () => {
      const { other, attachment, expectOwnerUntouched } = await seedOwner();
      const foreign = await outcomeOf(h.store.deleteAttachment(attachment.id, other));
      expect(foreign).toEqual({ resolved: undefined });
      expect(foreign).toEqual(await outcomeOf(h.store.deleteAttachment(uniqueId('atc'), other)));
      await expectOwnerUntouched();
    });
  });
}
