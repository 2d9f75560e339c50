import type { Action, ThreadStreamEvent, WidgetItem, WidgetRoot } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput, type ServerHooks } from '@chatwire/test-support/hooked-server';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } };
const createUser: Action = { type: 'create_user', payload: { user_id: '123' } };
const original: WidgetRoot = { type: 'Card', children: [{ type: 'Text', key: 'text_1', value: 'test' }] };
const emailSent: WidgetRoot = { type: 'Card', children: [{ type: 'Text', value: 'Email sent!' }] };

/**
 * A server whose first reply is the widget `widget_1` and an assistant message `assistant_1`;
 * returns the thread id and the widget exactly as the client received it.
 */
async function threadWithWidget(hooks: ServerHooks = {}) {
  const harness = makeServer({
    ...hooks,
    async *respond(thread) {
      const createdAt = new Date().toISOString();
      yield {
        type: 'thread.item.done',
        item: { id: 'widget_1', thread_id: thread.id, created_at: createdAt, type: 'widget', widget: original },
      };
      yield {
        type: 'thread.item.done',
        item: { id: 'assistant_1', thread_id: thread.id, created_at: createdAt, type: 'assistant_message', content: [] },
      };
    },
  });
  const events = await harness.stream('threads.create', { input: textInput('Show me the form') });
  const created = events[0];
  const widget = findDone(events, 'widget_1');
  if (created?.type !== 'thread.created' || widget?.type !== 'widget') throw new Error('setup failed');
  return { ...harness, threadId: created.thread.id, widget };
}

function findDone(events: ThreadStreamEvent[], id: string) {
  for (const event of events) if (event.type === 'thread.item.done' && event.item.id === id) return event.item;
  return undefined;
}

describe('threads.custom_action', () => {
  it('passes the action and the stored widget as sender, and streams what the action yields', async () => {
    const calls: { action: Action; sender: WidgetItem | null }[] = [];
    const { stream, store, context, threadId, widget } = await threadWithWidget({
      async *action(_thread, action, sender) {
        calls.push({ action, sender });
        yield { type: 'thread.item.updated', item_id: 'widget_1', update: { type: 'widget.root.updated', widget: emailSent } };
      },
    });

    const events = await stream('threads.custom_action', { thread_id: threadId, item_id: 'widget_1', action: createUser });

    expect(events).toEqual([
      SO,
      { type: 'thread.item.updated', item_id: 'widget_1', update: { type: 'widget.root.updated', widget: emailSent } },
    ]);
    expect(calls).toEqual([{ action: createUser, sender: widget }]);
    // An update is not a write: the stored widget is what the reply left.
    expect(await store.loadItem(threadId, 'widget_1', context)).toEqual(widget);
  });

  it('a widget the action replaces with a new root (thread.item.replaced) is saved', async () => {
    const { stream, json, store, context, threadId, widget } = await threadWithWidget({
      async *action(_thread, _action, sender) {
        if (!sender) throw new Error('expected a sender');
        yield { type: 'thread.item.replaced', item: { ...sender, widget: emailSent } };
      },
    });

    const events = await stream('threads.custom_action', { thread_id: threadId, item_id: 'widget_1', action: createUser });

    expect(events).toEqual([SO, { type: 'thread.item.replaced', item: { ...widget, widget: emailSent } }]);
    expect(await store.loadItem(threadId, 'widget_1', context)).toEqual({ ...widget, widget: emailSent });
    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(thread.items.data.find((item) => item.id === 'widget_1')).toEqual({ ...widget, widget: emailSent });
  });

  it('naming an item that is not a widget answers one non-retryable error event (follows the reference)', async () => {
    let called = false;
    const { stream, threadId } = await threadWithWidget({
      async *action() {
        called = true;
      },
    });

    const events = await stream('threads.custom_action', { thread_id: threadId, item_id: 'assistant_1', action: createUser });

    expect(events).toEqual([{ type: 'error', code: 'stream.error', allow_retry: false }]);
    expect(called).toBe(false);
  });

  it('naming a missing item is a 404 before any stream opens (the reference opens a stream and aborts)', async () => {
    let called = false;
    const { httpError, threadId } = await threadWithWidget({
      async *action() {
        called = true;
      },
    });

    const answer = await httpError('threads.custom_action', { thread_id: threadId, item_id: 'no_such_item', action: createUser });

    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
    expect(called).toBe(false);
  });

  it('without an action() override, the stream holds stream_options then an error event', async () => {
    const { stream, threadId } = await threadWithWidget();

    const events = await stream('threads.custom_action', { thread_id: threadId, item_id: 'widget_1', action: createUser });

    expect(events).toEqual([SO, { type: 'error', code: 'stream.error', allow_retry: true }]);
  });
});

describe('threads.sync_custom_action', () => {
  it('answers the updated_item as JSON and saves it (the reference does not save it)', async () => {
    const calls: { action: Action; sender: WidgetItem | null }[] = [];
    const { json, store, context, threadId, widget } = await threadWithWidget({
      async syncAction(_thread, action, sender) {
        calls.push({ action, sender });
        if (!sender) throw new Error('expected a sender');
        return { updated_item: { ...sender, widget: emailSent } };
      },
    });

    const answer = await json('threads.sync_custom_action', { thread_id: threadId, item_id: 'widget_1', action: createUser });

    expect(answer).toEqual({
      updated_item: { id: 'widget_1', thread_id: threadId, created_at: widget.created_at, type: 'widget', widget: emailSent },
    });
    expect(calls).toEqual([{ action: createUser, sender: widget }]);
    expect(await store.loadItem(threadId, 'widget_1', context)).toEqual({ ...widget, widget: emailSent });
  });

  it('naming an item that is not a widget is a 400 naming params.item_id', async () => {
    let called = false;
    const { httpError, threadId } = await threadWithWidget({
      async syncAction() {
        called = true;
        return {};
      },
    });

    const answer = await httpError('threads.sync_custom_action', {
      thread_id: threadId,
      item_id: 'assistant_1',
      action: createUser,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('params.item_id');
    expect(called).toBe(false);
  });
});
