import {
  childrenOf,
  type AssistantMessageItem,
  type HiddenContextItem,
  type SDKHiddenContextItem,
  type ThreadItem,
  type ThreadStreamEvent,
  type UserMessageItem,
  type WidgetItem,
} from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer } from '@chatwire/test-support/hooked-server';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } } as const;
const now = () => new Date().toISOString();

function userMessage(threadId: string, id: string, text: string): UserMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: now(),
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}

function assistantMessage(threadId: string, id: string, text: string): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: now(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function widget(threadId: string, id: string, value: string): WidgetItem {
  return {
    id,
    thread_id: threadId,
    created_at: now(),
    type: 'widget',
    widget: { type: 'Card', children: [{ type: 'Text', value }] },
  };
}

/** The events after `thread.created` and the user message, which every test here checks first. */
function afterUserMessage(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
  expect(events[0]?.type).toBe('thread.created');
  const done = events[1];
  expect(done?.type === 'thread.item.done' && done.item.type).toBe('user_message');
  return events.slice(2);
}

function textOf(item: ThreadItem | undefined): string | undefined {
  if (item?.type === 'assistant_message') return item.content[0]?.text;
  if (item?.type === 'user_message') return item.content[0]?.type === 'input_text' ? item.content[0].text : undefined;
  return undefined;
}

describe('thread.item.removed', () => {
  it('deletes the stored item and is still sent to the client', async () => {
    let removed: UserMessageItem | undefined;
    const { createThread, json } = makeServer({
      async *respond(thread) {
        removed = userMessage(thread.id, 'msg_to_remove', 'To be removed');
        yield { type: 'thread.item.done', item: removed };
        yield { type: 'thread.item.removed', item_id: 'msg_to_remove' };
      },
    });

    const { thread, events } = await createThread('Hello');

    expect(afterUserMessage(events)).toStrictEqual([
      SO,
      { type: 'thread.item.done', item: removed },
      { type: 'thread.item.removed', item_id: 'msg_to_remove' },
    ]);
    const items = await json('items.list', { thread_id: thread.id });
    expect(items.data.map((item) => [item.type, textOf(item)])).toEqual([['user_message', 'Hello']]);
  });
});

describe('thread.item.replaced', () => {
  it('replaces the stored item by id, even with an item of another type', async () => {
    let original: UserMessageItem | undefined;
    let replacement: AssistantMessageItem | undefined;
    const { createThread, json } = makeServer({
      async *respond(thread) {
        original = userMessage(thread.id, 'msg_to_replace', 'Original content');
        replacement = assistantMessage(thread.id, 'msg_to_replace', 'This is the replacement content');
        yield { type: 'thread.item.done', item: original };
        yield { type: 'thread.item.replaced', item: replacement };
      },
    });

    const { thread, events } = await createThread('Hello');

    expect(afterUserMessage(events)).toStrictEqual([
      SO,
      { type: 'thread.item.done', item: original },
      { type: 'thread.item.replaced', item: replacement },
    ]);
    const items = await json('items.list', { thread_id: thread.id, order: 'asc' });
    expect(items.data.map((item) => [item.id === 'msg_to_replace', item.type, textOf(item)])).toEqual([
      [false, 'user_message', 'Hello'],
      [true, 'assistant_message', 'This is the replacement content'],
    ]);
    expect(items.data[1]).toStrictEqual(replacement);
  });

  it('replaces a stored widget with the new widget', async () => {
    let replacement: WidgetItem | undefined;
    const { createThread, json } = makeServer({
      async *respond(thread) {
        replacement = widget(thread.id, 'widget_to_replace', 'Replaced widget content');
        yield { type: 'thread.item.done', item: widget(thread.id, 'widget_to_replace', 'Original widget content') };
        yield { type: 'thread.item.replaced', item: replacement };
      },
    });

    const { thread, events } = await createThread('Hello');

    const rest = afterUserMessage(events);
    expect(rest.map((event) => event.type)).toEqual(['stream_options', 'thread.item.done', 'thread.item.replaced']);
    expect(rest[2]).toStrictEqual({ type: 'thread.item.replaced', item: replacement });
    const items = await json('items.list', { thread_id: thread.id });
    const stored = items.data.find((item) => item.id === 'widget_to_replace');
    expect(stored).toStrictEqual(replacement);
    expect(stored?.type === 'widget' && childrenOf(stored.widget)[0]?.value).toBe('Replaced widget content');
  });
});

describe('thread.item.done', () => {
  it('a repeated done for a stored id replaces the item in place (the reference fails the stream with a duplicate-insert error)', async () => {
    const { createThread, json } = makeServer({
      async *respond(thread) {
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_a', 'first') };
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_b', 'between') };
        yield { type: 'thread.item.done', item: assistantMessage(thread.id, 'msg_a', 'second') };
      },
    });

    const { thread, events } = await createThread('Hello');

    const rest = afterUserMessage(events);
    expect(
      rest.map((event) => (event.type === 'thread.item.done' ? `done ${event.item.id} ${textOf(event.item)}` : event.type)),
    ).toEqual(['stream_options', 'done msg_a first', 'done msg_b between', 'done msg_a second']);
    const items = await json('items.list', { thread_id: thread.id, order: 'asc' });
    expect(items.data.map((item) => `${item.type} ${textOf(item)}`)).toEqual([
      'user_message Hello',
      'assistant_message second',
      'assistant_message between',
    ]);
  });

  it.each([
    [
      'hidden_context_item',
      (threadId: string): HiddenContextItem => ({
        id: 'hidden_1',
        thread_id: threadId,
        created_at: now(),
        type: 'hidden_context_item',
        content: { note: 'the user prefers metric units' },
      }),
    ],
    [
      'sdk_hidden_context',
      (threadId: string): SDKHiddenContextItem => ({
        id: 'hidden_1',
        thread_id: threadId,
        created_at: now(),
        type: 'sdk_hidden_context',
        content: 'an internal note',
      }),
    ],
  ])('a done %s is stored but never sent, listed or returned', async (_type, makeHidden) => {
    let hidden: ThreadItem | undefined;
    let answer: AssistantMessageItem | undefined;
    const { createThread, json, store, context } = makeServer({
      async *respond(thread) {
        hidden = makeHidden(thread.id);
        answer = assistantMessage(thread.id, 'msg_answer', 'Visible answer');
        yield { type: 'thread.item.done', item: hidden };
        yield { type: 'thread.item.done', item: answer };
      },
    });

    const { thread, events } = await createThread('Hello');

    expect(afterUserMessage(events)).toStrictEqual([SO, { type: 'thread.item.done', item: answer }]);
    expect(await store.loadItem(thread.id, 'hidden_1', context)).toStrictEqual(hidden);
    const listed = await json('items.list', { thread_id: thread.id });
    expect(listed.data.map((item) => item.id)).not.toContain('hidden_1');
    expect(listed.data).toHaveLength(2);
    const loaded = await json('threads.get_by_id', { thread_id: thread.id });
    expect(loaded.items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });
});
