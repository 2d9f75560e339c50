import { describe, expect, it } from 'vitest';
import type { StoreItemType } from '../../ids.js';
import { assistantMessage, imageAttachment, makeThread } from './fixtures.js';
import type { Harness } from './harness.js';

const ITEM_PREFIXES: [StoreItemType, string][] = [
  ['message', 'msg_'],
  ['tool_call', 'tc_'],
  ['task', 'tsk_'],
  ['workflow', 'wf_'],
  ['sdk_hidden_context', 'shcx_'],
];

export function describeIds<TContext>(h: Harness<TContext>): void {
  describe('ids', () => {
    it('generated ids carry the default prefix of their kind', ({ skip }) => {
      if (h.customIds) skip('the store overrides the id generators');
      const user = h.newUser();
      const thread = makeThread({ id: h.store.generateThreadId(user) });
      expect(thread.id).toMatch(/^thr_[0-9a-zA-Z]+$/);
      for (const [kind, prefix] of ITEM_PREFIXES) {
        expect(h.store.generateItemId(kind, thread, user).startsWith(prefix)).toBe(true);
      }
    });

    it('generated ids are unique', () => {
      const user = h.newUser();
      const thread = makeThread();
      const threadIds = Array.from({ length: 1000 }, () => h.store.generateThreadId(user));
      const itemIds = Array.from({ length: 1000 }, () => h.store.generateItemId('message', thread, user));
      expect(new Set(threadIds).size).toBe(threadIds.length);
      expect(new Set(itemIds).size).toBe(itemIds.length);
    });
  });
}

export function describeCopies<TContext>(h: Harness<TContext>): void {
  describe('stored objects are never shared with callers', () => {
    it('mutating a saved object afterwards does not change what is stored', async () => {
      const user = h.newUser();
      const thread = makeThread();
      const item = assistantMessage(thread.id);
      const attachment = imageAttachment();
      await h.store.saveThread(thread, user);
      await h.store.addThreadItem(thread.id, item, user);
      await h.store.saveAttachment(attachment, user);
      const expected = structuredClone({ thread, item, attachment });

      thread.title = 'mutated';
      thread.metadata.test = 'mutated';
      item.content[0]!.text = 'mutated';
      attachment.metadata!.source = 'mutated';

      expect(await h.store.loadThread(thread.id, user)).toEqual(expected.thread);
      expect(await h.store.loadItem(thread.id, item.id, user)).toEqual(expected.item);
      expect(await h.store.loadAttachment(attachment.id, user)).toEqual(expected.attachment);
    });

    it('mutating a loaded object does not change what is stored', async () => {
      const user = h.newUser();
      const thread = makeThread();
      const item = assistantMessage(thread.id);
      const attachment = imageAttachment();
      await h.store.saveThread(thread, user);
      await h.store.addThreadItem(thread.id, item, user);
      await h.store.saveAttachment(attachment, user);

      (await h.store.loadThread(thread.id, user)).metadata.test = 'mutated';
      const [listed] = (await h.store.loadThreads(1, undefined, 'asc', user)).data;
      listed!.title = 'mutated';
      const loadedItem = await h.store.loadItem(thread.id, item.id, user);
      if (loadedItem.type === 'assistant_message') loadedItem.content[0]!.text = 'mutated';
      const [pagedItem] = (await h.store.loadThreadItems(thread.id, undefined, 1, 'asc', user)).data;
      pagedItem!.created_at = 'mutated';
      (await h.store.loadAttachment(attachment.id, user)).metadata!.source = 'mutated';

      expect(await h.store.loadThread(thread.id, user)).toEqual(thread);
      expect(await h.store.loadItem(thread.id, item.id, user)).toEqual(item);
      expect(await h.store.loadAttachment(attachment.id, user)).toEqual(attachment);
    });
  });
}
