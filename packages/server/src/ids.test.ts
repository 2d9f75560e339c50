import type { ThreadMetadata } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import type { StoreItemType } from './ids.js';
import { MemoryStore } from './memory-store.js';
import { makeServer, textInput, type TestContext } from '@chatwire/test-support/hooked-server';

/** A store whose generators share one counter and record every call, as in the reference's test. */
class CountingIdStore extends MemoryStore<TestContext> {
  readonly calls: string[] = [];
  private counter = 0;

  override generateThreadId(): string {
    this.counter += 1;
    this.calls.push('thread');
    return `thr_custom_${this.counter}`;
  }

  override generateItemId(itemType: StoreItemType, thread: ThreadMetadata): string {
    this.counter += 1;
    this.calls.push(itemType);
    return `${itemType}_custom_${this.counter}_${thread.id}`;
  }
}

describe('id generation', () => {
  it("uses the store's generators for the thread and the user message, once each, in that order", async () => {
    const store = new CountingIdStore();
    const { stream } = makeServer({ store });

    const events = await stream('threads.create', { input: textInput('Hello') });

    const [created, done] = events;
    if (created?.type !== 'thread.created' || done?.type !== 'thread.item.done') throw new Error('unexpected stream start');
    expect(created.thread.id).toBe('thr_custom_1');
    expect(done.item.id).toBe('message_custom_2_thr_custom_1');
    expect(done.item.thread_id).toBe('thr_custom_1');
    expect(store.calls).toEqual(['thread', 'message']);
  });

  it("names a later user message with the store's generator too", async () => {
    const store = new CountingIdStore();
    const { stream, createThread } = makeServer({ store });
    const { thread } = await createThread('Hello');

    const events = await stream('threads.add_user_message', { thread_id: thread.id, input: textInput('Again') });

    const done = events[0];
    expect(done?.type === 'thread.item.done' && done.item.id).toBe('message_custom_3_thr_custom_1');
    expect(store.calls).toEqual(['thread', 'message', 'message']);
  });
});
