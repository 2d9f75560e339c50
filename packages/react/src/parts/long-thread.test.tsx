// @vitest-environment happy-dom
import { Thread, ThreadItemPage, type ThreadMetadata, type ThreadStreamEvent } from '@chatwire/protocol';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { acting, CHATKIT_URL, renderChat } from '../test-support/render-chat.js';
import { FIRST_PAGE_ITEMS } from './messages.js';

afterEach(cleanup);

/** With the user's message, more than a first page and fewer than the server's largest page (100). */
const REPLIES = 90;
const replyId = (i: number) => `msg_long_${String(i).padStart(3, '0')}`;

/** Answers one message with `REPLIES` short assistant messages: a long thread. */
async function* manyReplies(thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
  thread.title = 'Long thread';
  yield { type: 'thread.updated', thread: { ...thread, items: { data: [], has_more: false } } };
  for (let i = 0; i < REPLIES; i++) {
    yield {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: replyId(i),
        thread_id: thread.id,
        created_at: new Date(Date.now() + 1000 + i).toISOString(),
        content: [{ type: 'output_text', text: `Reply ${i}`, annotations: [] }],
      },
    };
  }
}

/**
 * The real server, as one whose first page of a thread holds all of its items (ours sends the
 * newest 20): `threads.get_by_id` answered with every item, read with `items.list`.
 */
function wholeThreads(server: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await server(input, init);
    const sent: unknown = JSON.parse(typeof init?.body === 'string' ? init.body : '{}');
    if (typeof sent !== 'object' || sent === null || !('type' in sent) || sent.type !== 'threads.get_by_id') return response;
    const thread = Thread.parse(await response.json());
    const all = await server(CHATKIT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'items.list', params: { thread_id: thread.id, limit: 1000, order: 'asc' } }),
    });
    const page = ThreadItemPage.parse(await all.json());
    return Response.json({ ...thread, items: { ...page, has_more: false } });
  };
}

const rendered = () => [...document.querySelectorAll('[data-item-id]')].map((element) => element.getAttribute('data-item-id'));
const threadsNav = () => screen.getByRole('navigation', { name: 'Threads' });

async function openLongThread(): Promise<void> {
  await renderChat({ respond: manyReplies }, {}, { wrapFetch: wholeThreads });
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'a long one' } });
  await acting(() => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' }));
  await waitFor(() => expect(rendered()).toContain(replyId(REPLIES - 1)));
  await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'New chat' })));
  await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'Long thread' })));
  await waitFor(() => expect(rendered()).toContain(replyId(REPLIES - 1)));
}

describe('a long thread', () => {
  it('opens showing its newest items, each with its data-item handles; scrolling up to them shows the older ones', async () => {
    await openLongThread();
    // The user's message and the replies: the newest page only.
    expect(rendered()).toHaveLength(FIRST_PAGE_ITEMS);
    expect(rendered().at(-1)).toBe(replyId(REPLIES - 1));
    for (const element of document.querySelectorAll('[data-item-id]'))
      expect(element.getAttribute('data-item-type')).not.toBeNull();

    const conversation = screen.getByRole('region', { name: 'Conversation' });
    await acting(() => fireEvent.scroll(conversation, { target: { scrollTop: 0 } }));
    // Everything now, oldest first: the user's message, then every reply in order.
    expect(rendered()).toHaveLength(REPLIES + 1);
    expect(rendered().slice(1)).toEqual(Array.from({ length: REPLIES }, (_, i) => replyId(i)));
  });
});
