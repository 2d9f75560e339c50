import type { AssistantMessageItem, ThreadItem, UserMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput, type Responder } from '@chatwire/test-support/hooked-server';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } } as const;

function assistantMessage(threadId: string, id: string, text: string): AssistantMessageItem {
  return {
    id,
    thread_id: threadId,
    created_at: new Date().toISOString(),
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

function describeItem(item: ThreadItem): string {
  if (item.type === 'assistant_message') return `assistant ${item.id}: ${item.content[0]?.text}`;
  if (item.type === 'user_message') return `user: ${item.content[0]?.type === 'input_text' ? item.content[0].text : ''}`;
  return item.type;
}

/** Records every input `respond()` gets; `reply(callNumber, input)` decides what it yields. */
function recordingResponder(reply: (call: number, input: UserMessageItem | null, threadId: string) => ThreadItem[]) {
  const inputs: Array<UserMessageItem | null> = [];
  const yielded: ThreadItem[][] = [];
  const respond: Responder = async function* (thread, input) {
    inputs.push(input);
    const items = reply(inputs.length, input, thread.id);
    yielded.push(items);
    for (const item of items) yield { type: 'thread.item.done', item };
  };
  return { inputs, yielded, respond };
}

describe('threads.retry_after_item', () => {
  it('deletes every newer item, hidden ones too, without removed events, and answers the same user message again', async () => {
    const responder = recordingResponder((call, _input, threadId) =>
      call === 1
        ? [
            {
              id: 'hidden_note',
              thread_id: threadId,
              created_at: new Date().toISOString(),
              type: 'hidden_context_item',
              content: 'remember this',
            },
            assistantMessage(threadId, 'assistant_msg_1', 'First response'),
          ]
        : [assistantMessage(threadId, 'assistant_msg_2', 'Retried response')],
    );
    const { createThread, stream, json, store, context } = makeServer({ respond: responder.respond });
    const { thread } = await createThread('Hello, world!');
    const before = await json('items.list', { thread_id: thread.id, limit: null, order: 'desc', after: null });
    expect(before.data.map(describeItem)).toEqual(['assistant assistant_msg_1: First response', 'user: Hello, world!']);
    const userMessageId = before.data[1]!.id;

    const events = await stream('threads.retry_after_item', { thread_id: thread.id, item_id: userMessageId });

    const [retried] = responder.yielded[1] ?? [];
    expect(retried).toMatchObject({ id: 'assistant_msg_2', content: [{ type: 'output_text', text: 'Retried response' }] });
    expect(events).toStrictEqual([SO, { type: 'thread.item.done', item: retried }]);
    expect(responder.inputs).toHaveLength(2);
    expect(responder.inputs[1]).toStrictEqual(responder.inputs[0]);
    expect(responder.inputs[1]?.id).toBe(userMessageId);

    const after = await json('items.list', { thread_id: thread.id });
    expect(after.data.map(describeItem)).toEqual(['assistant assistant_msg_2: Retried response', 'user: Hello, world!']);
    // The hidden note written by the first answer is gone from the store as well.
    const stored = await store.loadThreadItems(thread.id, undefined, 20, 'asc', context);
    expect(stored.data.map((item) => item.id)).toEqual([userMessageId, 'assistant_msg_2']);
  });

  it('retrying the second of two user messages deletes only the answer to it', async () => {
    const responder = recordingResponder((call, input, threadId) => {
      if (input?.type !== 'user_message') throw new Error('respond() expected a user message');
      const text = input.content[0]?.type === 'input_text' ? input.content[0].text : '';
      return [assistantMessage(threadId, `assistant_msg_${call}`, `Response to: ${text}`)];
    });
    const { createThread, stream, json } = makeServer({ respond: responder.respond });
    const { thread } = await createThread('First message');
    const added = await stream('threads.add_user_message', { thread_id: thread.id, input: textInput('Second message') });
    expect(added.map((event) => event.type)).toEqual(['thread.item.done', 'stream_options', 'thread.item.done']);

    const before = await json('items.list', { thread_id: thread.id });
    expect(before.data.map(describeItem)).toEqual([
      'assistant assistant_msg_2: Response to: Second message',
      'user: Second message',
      'assistant assistant_msg_1: Response to: First message',
      'user: First message',
    ]);

    const events = await stream('threads.retry_after_item', { thread_id: thread.id, item_id: before.data[1]!.id });

    expect(events.map((event) => (event.type === 'thread.item.done' ? describeItem(event.item) : event))).toStrictEqual([
      SO,
      'assistant assistant_msg_3: Response to: Second message',
    ]);
    expect(responder.inputs).toHaveLength(3);
    expect(responder.inputs[2]).toStrictEqual(responder.inputs[1]);
    const after = await json('items.list', { thread_id: thread.id });
    expect(after.data.map(describeItem)).toEqual([
      'assistant assistant_msg_3: Response to: Second message',
      'user: Second message',
      'assistant assistant_msg_1: Response to: First message',
      'user: First message',
    ]);
    expect(after.data[0]!.id).not.toBe(before.data[0]!.id);
  });

  it('answers 400 naming params.item_id for an item that is not a user message and deletes nothing (the reference fails the stream with no events)', async () => {
    const responder = recordingResponder((_call, _input, threadId) => [
      assistantMessage(threadId, 'assistant_msg_1', 'Response'),
    ]);
    const { createThread, httpError, json } = makeServer({ respond: responder.respond });
    const { thread } = await createThread('Hello');

    const { status, body } = await httpError('threads.retry_after_item', { thread_id: thread.id, item_id: 'assistant_msg_1' });

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^params\.item_id\b/);
    expect(responder.inputs).toHaveLength(1);
    expect((await json('items.list', { thread_id: thread.id })).data.map(describeItem)).toEqual([
      'assistant assistant_msg_1: Response',
      'user: Hello',
    ]);
  });

  it('answers 404 for an item the thread does not have and deletes nothing (the reference sends an empty stream)', async () => {
    const responder = recordingResponder((_call, _input, threadId) => [
      assistantMessage(threadId, 'assistant_msg_1', 'Response'),
    ]);
    const { createThread, httpError, json } = makeServer({ respond: responder.respond });
    const { thread } = await createThread('Hello');

    const { status, body } = await httpError('threads.retry_after_item', { thread_id: thread.id, item_id: 'msg_unknown' });

    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(responder.inputs).toHaveLength(1);
    expect((await json('items.list', { thread_id: thread.id })).data).toHaveLength(2);
  });

  it.each([
    ['locked', 'thread_locked'],
    ['closed', 'thread_closed'],
  ] as const)(
    'on a %s thread answers 409 %s and deletes nothing (the reference does not check the status)',
    async (statusType, code) => {
      const responder = recordingResponder((_call, _input, threadId) => [
        assistantMessage(threadId, 'assistant_msg_1', 'Response'),
      ]);
      const { createThread, httpError, json, store, context } = makeServer({ respond: responder.respond });
      const { thread, events } = await createThread('Hello');
      const userMessage = events[1];
      if (userMessage?.type !== 'thread.item.done') throw new Error('expected the user message');
      const stored = await store.loadThread(thread.id, context);
      await store.saveThread({ ...stored, status: { type: statusType, reason: 'Read only' } }, context);

      const { status, body } = await httpError('threads.retry_after_item', {
        thread_id: thread.id,
        item_id: userMessage.item.id,
      });

      expect(status).toBe(409);
      expect(body.error.code).toBe(code);
      expect(responder.inputs).toHaveLength(1);
      expect((await json('items.list', { thread_id: thread.id })).data).toHaveLength(2);
    },
  );
});
