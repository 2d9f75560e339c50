import type { StructuredInput, StructuredInputItem, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput } from '@chatwire/test-support/hooked-server';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } };

const subject: StructuredInput = {
  type: 'multiple_choice',
  id: 'subject',
  question: 'Which subject is this lesson for?',
  options: [{ value: 'Math' }, { value: 'Science' }],
  multiple: false,
};
const details: StructuredInput = { type: 'freeform', id: 'details', question: 'Anything else to know?' };

/**
 * A thread whose first reply asks the questions as structured input `si_1`; when the reply is
 * resumed (input null) the responder yields `resumed`, if given.
 */
async function threadAsking(inputs: StructuredInput[], resumed?: { id: string; text: string }) {
  const respondInputs: (UserMessageItem | null)[] = [];
  const harness = makeServer({
    async *respond(thread, input) {
      respondInputs.push(input);
      const createdAt = new Date().toISOString();
      if (input) {
        yield {
          type: 'thread.item.done',
          item: { id: 'si_1', thread_id: thread.id, created_at: createdAt, type: 'structured_input', status: 'pending', inputs },
        };
        yield {
          type: 'thread.item.done',
          item: { id: 'assistant_1', thread_id: thread.id, created_at: createdAt, type: 'assistant_message', content: [] },
        };
      } else if (resumed) {
        yield {
          type: 'thread.item.done',
          item: {
            id: resumed.id,
            thread_id: thread.id,
            created_at: createdAt,
            type: 'assistant_message',
            content: [{ type: 'output_text', text: resumed.text, annotations: [] }],
          },
        };
      }
    },
  });
  const events = await harness.stream('threads.create', { input: textInput('Book a lesson') });
  const created = events[0];
  const asked = events.find((event) => event.type === 'thread.item.done' && event.item.id === 'si_1');
  if (created?.type !== 'thread.created' || asked?.type !== 'thread.item.done' || asked.item.type !== 'structured_input') {
    throw new Error('setup failed');
  }
  return { ...harness, threadId: created.thread.id, asked: asked.item, respondInputs };
}

function replacedItem(events: ThreadStreamEvent[]): StructuredInputItem {
  const replaced = events[1];
  if (replaced?.type !== 'thread.item.replaced' || replaced.item.type !== 'structured_input') throw new Error('no replaced item');
  return replaced.item;
}

describe('threads.add_structured_input', () => {
  it('replaces the item with the answers (custom ones accepted), saves it, then resumes the reply with input null', async () => {
    const { stream, store, context, threadId, asked, respondInputs } = await threadAsking([subject, details], {
      id: 'msg_after_structured_input',
      text: 'Thanks, continuing now.',
    });

    const events = await stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: {
        status: 'answered',
        answers: { subject: { values: ['Private class'] }, details: { values: ['Please include group work.'] } },
      },
    });

    const answered: StructuredInputItem = {
      ...asked,
      status: 'answered',
      inputs: [
        { ...subject, answer: { values: ['Private class'], skipped: false } },
        { ...details, answer: { values: ['Please include group work.'], skipped: false } },
      ],
    };
    expect(events).toEqual([
      SO,
      { type: 'thread.item.replaced', item: answered },
      {
        type: 'thread.item.done',
        item: {
          id: 'msg_after_structured_input',
          thread_id: threadId,
          created_at: expect.any(String),
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'Thanks, continuing now.', annotations: [] }],
        },
      },
    ]);
    expect(await store.loadItem(threadId, 'si_1', context)).toEqual(answered);
    expect(respondInputs).toHaveLength(2);
    expect(respondInputs[1]).toBeNull();
  });

  it('marks a question without a submitted answer as skipped', async () => {
    const { stream, threadId, asked } = await threadAsking([subject, details]);

    const events = await stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: { status: 'answered', answers: { subject: { values: ['Math'] } } },
    });

    expect(events).toEqual([
      SO,
      {
        type: 'thread.item.replaced',
        item: {
          ...asked,
          status: 'answered',
          inputs: [
            { ...subject, answer: { values: ['Math'], skipped: false } },
            { ...details, answer: { values: [], skipped: true } },
          ],
        },
      },
    ]);
  });

  it('ignores answers to questions the item does not ask', async () => {
    const { stream, threadId, asked } = await threadAsking([details]);

    const events = await stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: {
        status: 'answered',
        answers: { details: { values: ['Please include group work.'] }, unknown: { values: ['ignored'] } },
      },
    });

    expect(events).toEqual([
      SO,
      {
        type: 'thread.item.replaced',
        item: {
          ...asked,
          status: 'answered',
          inputs: [{ ...details, answer: { values: ['Please include group work.'], skipped: false } }],
        },
      },
    ]);
  });

  it('keeps only the first value for a single-choice question, and the stored item stays answered', async () => {
    const { stream, store, context, threadId } = await threadAsking([subject]);

    const events = await stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: { status: 'answered', answers: { subject: { values: ['Math', 'Science'] } } },
    });

    expect(events.map((event) => event.type)).toEqual(['stream_options', 'thread.item.replaced']);
    const replaced = replacedItem(events);
    expect(replaced.inputs[0]?.answer).toEqual({ values: ['Math'], skipped: false });
    const stored = await store.loadItem(threadId, 'si_1', context);
    expect(stored).toEqual(replaced);
    expect(stored.type === 'structured_input' && stored.status).toBe('answered');
  });

  it('answering a second time is a 409 and the first answers stay', async () => {
    const { stream, httpError, store, context, threadId } = await threadAsking([subject]);
    const events = await stream('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: { answers: { subject: { values: ['Math'] } } },
    });
    const first = replacedItem(events);

    const again = await httpError('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'si_1',
      input: { answers: { subject: { values: ['Science'] } } },
    });

    expect(again).toEqual({ status: 409, body: { error: { code: 'already_answered', message: expect.any(String) } } });
    expect(await store.loadItem(threadId, 'si_1', context)).toEqual(first);
  });

  it('naming an item that is not a structured input is a 400 naming params.item_id', async () => {
    const { httpError, threadId, respondInputs } = await threadAsking([subject]);

    const answer = await httpError('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'assistant_1',
      input: { answers: { subject: { values: ['Math'] } } },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('params.item_id');
    expect(respondInputs).toHaveLength(1);
  });

  it('naming a missing item is a 404 before any stream opens (the reference opens a stream and aborts)', async () => {
    const { httpError, threadId, respondInputs } = await threadAsking([subject]);

    const answer = await httpError('threads.add_structured_input', {
      thread_id: threadId,
      item_id: 'no_such_item',
      input: { answers: {} },
    });

    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect(respondInputs).toHaveLength(1);
  });
});
