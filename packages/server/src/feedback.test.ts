import type { FeedbackKind } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, type TestContext } from '@chatwire/test-support/hooked-server';

interface FeedbackCall {
  threadId: string;
  itemIds: string[];
  kind: FeedbackKind;
  context: TestContext;
}

/** A thread whose reply is an assistant message and a widget; feedback calls are recorded. */
async function threadWithReply() {
  const calls: FeedbackCall[] = [];
  const harness = makeServer({
    async *respond(thread) {
      const createdAt = new Date().toISOString();
      yield {
        type: 'thread.item.done',
        item: {
          id: 'assistant_msg_1',
          thread_id: thread.id,
          created_at: createdAt,
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'Feedback received!', annotations: [] }],
        },
      };
      yield {
        type: 'thread.item.done',
        item: {
          id: 'widget_1',
          thread_id: thread.id,
          created_at: createdAt,
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', key: 'text', value: 'Widget content' }] },
        },
      };
    },
    async addFeedback(threadId, itemIds, kind, context) {
      calls.push({ threadId, itemIds, kind, context });
    },
  });
  const { thread } = await harness.createThread('Hello');
  return { ...harness, threadId: thread.id, calls };
}

describe('items.feedback', () => {
  it('feedback on an assistant message and on a widget both reach addFeedback with the context', async () => {
    const { json, threadId, calls, context } = await threadWithReply();

    expect(await json('items.feedback', { thread_id: threadId, item_ids: ['assistant_msg_1'], kind: 'positive' })).toEqual({});
    expect(await json('items.feedback', { thread_id: threadId, item_ids: ['widget_1'], kind: 'negative' })).toEqual({});

    expect(calls).toEqual([
      { threadId, itemIds: ['assistant_msg_1'], kind: 'positive', context },
      { threadId, itemIds: ['widget_1'], kind: 'negative', context },
    ]);
  });

  it('feedback naming a missing item is a 404 and addFeedback is not called (the reference does not check)', async () => {
    const { httpError, threadId, calls } = await threadWithReply();

    const answer = await httpError('items.feedback', {
      thread_id: threadId,
      item_ids: ['assistant_msg_1', 'no_such_item'],
      kind: 'positive',
    });

    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect(calls).toEqual([]);
  });

  it('feedback on a missing thread is a 404 and addFeedback is not called (the reference does not check)', async () => {
    const { httpError, calls } = await threadWithReply();

    const answer = await httpError('items.feedback', {
      thread_id: 'thr_missing',
      item_ids: ['assistant_msg_1'],
      kind: 'negative',
    });

    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect(calls).toEqual([]);
  });

  it("feedback on another user's item is a 404, indistinguishable from a missing one", async () => {
    const { httpError, threadId, calls } = await threadWithReply();

    const answer = await httpError(
      'items.feedback',
      { thread_id: threadId, item_ids: ['assistant_msg_1'], kind: 'positive' },
      { userId: 'someone_else' },
    );

    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect(calls).toEqual([]);
  });
});
