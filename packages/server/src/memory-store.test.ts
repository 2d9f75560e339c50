import type { AssistantMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { runStoreConformance } from './testing/index.js';

type Context = { userId: string };

runStoreConformance('MemoryStore', () => ({
  store: new MemoryStore<Context>(),
  contextFor: (userId) => ({ userId }),
}));

const user: Context = { userId: 'user_1' };
const START = Date.UTC(2030, 0, 1);

function message(threadId: string, index: number, createdAt = START + index): AssistantMessageItem {
  return {
    id: `msg_${index}`,
    thread_id: threadId,
    created_at: new Date(createdAt).toISOString(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text: String(index), annotations: [] }],
  };
}

async function storeWithThread(): Promise<MemoryStore<Context>> {
  const store = new MemoryStore<Context>();
  await store.saveThread(
    { id: 'thr_1', created_at: new Date(START).toISOString(), status: { type: 'active' }, metadata: {} },
    user,
  );
  return store;
}

describe('MemoryStore', () => {
  it('pages through a 100,000-item thread in both directions without losing or repeating items', async () => {
    const store = await storeWithThread();
    const count = 100_000;
    for (let index = 0; index < count; index++) await store.addThreadItem('thr_1', message('thr_1', index), user);

    const all = Array.from({ length: count }, (_, index) => `msg_${index}`);
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await store.loadThreadItems('thr_1', after, 100, order, user);
        for (const item of page.data) seen.push(item.id);
        after = page.after;
        pages++;
      } while (after !== undefined);
      expect(pages).toBe(count / 100);
      expect(seen).toEqual(order === 'asc' ? all : [...all].reverse());
    }
  });

  it('a page deep inside a large thread starts right after its cursor', async () => {
    const store = await storeWithThread();
    for (let index = 0; index < 50_000; index++) await store.addThreadItem('thr_1', message('thr_1', index), user);
    const page = await store.loadThreadItems('thr_1', 'msg_31415', 3, 'desc', user);
    expect(page.data.map((item) => item.id)).toEqual(['msg_31414', 'msg_31413', 'msg_31412']);
    expect(page).toMatchObject({ has_more: true, after: 'msg_31412' });
  });

  it('keeps created_at order when items arrive out of order among many', async () => {
    const store = await storeWithThread();
    const order = Array.from({ length: 2_000 }, (_, index) => (index * 7919) % 2_000);
    for (const index of order) await store.addThreadItem('thr_1', message('thr_1', index), user);
    for (const index of [0, 500, 1999]) await store.deleteThreadItem('thr_1', `msg_${index}`, user);
    const { data } = await store.loadThreadItems('thr_1', undefined, 5_000, 'asc', user);
    const expected = Array.from({ length: 2_000 }, (_, index) => index).filter((index) => ![0, 500, 1999].includes(index));
    expect(data.map((item) => item.id)).toEqual(expected.map((index) => `msg_${index}`));
  });

  it('hands out a different copy on every load', async () => {
    const store = await storeWithThread();
    await store.addThreadItem('thr_1', message('thr_1', 1), user);
    const first = await store.loadItem('thr_1', 'msg_1', user);
    const second = await store.loadItem('thr_1', 'msg_1', user);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(await store.loadThread('thr_1', user)).not.toBe(await store.loadThread('thr_1', user));
  });

  it('copies nested values deeply, so a loaded page shares nothing with the store', async () => {
    const store = await storeWithThread();
    const item = message('thr_1', 1);
    await store.addThreadItem('thr_1', item, user);
    const [loaded] = (await store.loadThreadItems('thr_1', undefined, 10, 'asc', user)).data;
    if (loaded?.type !== 'assistant_message') throw new Error('expected an assistant message');
    loaded.content[0]!.annotations.push({ type: 'annotation', source: { type: 'url', title: 't', url: 'https://x.test/' } });
    expect(await store.loadItem('thr_1', 'msg_1', user)).toEqual(item);
  });
});
