import type { Action, ThreadMetadata, ThreadStreamEvent, WidgetItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { inProcessServer } from '@chatwire/test-support/server-fetch';
import { done, now } from '@chatwire/test-support/transcripts';
import { ChatController } from '../controller/chat-controller.js';
import type { ChatEvents } from '../controller/chat-events.js';
import { actionRoute, loadingTarget } from './action-route.js';
import { mergeFormValues } from './form-payload.js';

const URL = 'http://chatwire.test/chatkit';

function widgetItem(threadId: string): WidgetItem {
  return {
    id: 'widget_form',
    thread_id: threadId,
    created_at: now(),
    type: 'widget',
    widget: {
      type: 'Card',
      children: [
        { type: 'Text', id: 'count', value: '0' },
        { type: 'Button', label: 'Add one' },
      ],
    },
  };
}

/** A chat whose first reply is the widget; its server records every action it gets. */
async function chatWithWidget() {
  const actions: { request: string; action: Action; sender: string | null }[] = [];
  const harness = inProcessServer({
    respond: async function* (thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
      yield done(widgetItem(thread.id));
    },
    action: async function* (thread, action, sender): AsyncGenerator<ThreadStreamEvent> {
      actions.push({ request: 'threads.custom_action', action, sender: sender?.id ?? null });
      if (sender) yield { type: 'thread.item.replaced', item: { ...sender, widget: { type: 'Card', children: [] } } };
    },
    syncAction: async (thread, action, sender) => {
      actions.push({ request: 'threads.sync_custom_action', action, sender: sender?.id ?? null });
      if (!sender) return {};
      return {
        updated_item: { ...sender, widget: { type: 'Card', children: [{ type: 'Text', id: 'count', value: 'synced' }] } },
      };
    },
  });
  const controller = new ChatController({ api: { url: URL, fetch: harness.fetch } });
  await controller.sendMessage({ text: 'Show me the form' });
  const item = controller.getState().thread?.items.find((entry): entry is WidgetItem => entry.type === 'widget');
  if (!item) throw new Error('The widget did not arrive');
  const errors: ChatEvents['error'][] = [];
  controller.on('error', (event) => errors.push(event));
  return { controller, item, actions, errors, received: harness.received };
}

describe('routing widget actions', () => {
  it('a server action streams through threads.custom_action with the widget as its sender', async () => {
    const { controller, item, actions } = await chatWithWidget();
    await controller.runWidgetAction({ type: 'counter.add', payload: { by: 1 } }, item);
    expect(actions).toEqual([
      { request: 'threads.custom_action', action: { type: 'counter.add', payload: { by: 1 } }, sender: item.id },
    ]);
    // The replaced widget is what the thread shows now.
    const shown = controller.getState().thread?.items.find((entry) => entry.id === item.id);
    expect(shown).toMatchObject({ type: 'widget', widget: { type: 'Card', children: [] } });
  });

  it('a server action with streaming off goes through threads.sync_custom_action and its answer replaces the widget in place', async () => {
    const { controller, item, actions } = await chatWithWidget();
    const before = controller.getState().thread!.items;
    await controller.runWidgetAction({ type: 'counter.sync', streaming: false }, item);
    expect(actions.map((entry) => entry.request)).toEqual(['threads.sync_custom_action']);
    const after = controller.getState().thread!.items;
    expect(after.map((entry) => entry.id)).toEqual(before.map((entry) => entry.id));
    expect(after.find((entry) => entry.id === item.id)).toMatchObject({
      widget: { children: [{ type: 'Text', id: 'count', value: 'synced' }] },
    });
    // Items the answer did not touch keep their identity.
    expect(after[0]).toBe(before[0]);
  });

  it('a client action goes to the integrator with the widget item and never reaches the server', async () => {
    const { controller, item, actions, received } = await chatWithWidget();
    const requestsBefore = received.length;
    const handled: { action: Action; item: string }[] = [];
    await controller.runWidgetAction({ type: 'open.map', handler: 'client', payload: { city: 'Oslo' } }, item, {
      onClientAction: (action, sender) => {
        handled.push({ action, item: sender.id });
      },
    });
    expect(handled).toEqual([{ action: { type: 'open.map', payload: { city: 'Oslo' } }, item: item.id }]);
    expect(actions).toEqual([]);
    expect(received.length).toBe(requestsBefore);
  });

  it('a server action fired while a reply streams is sent once that reply has ended', async () => {
    const { controller, item, actions } = await chatWithWidget();
    const replying = controller.runWidgetAction({ type: 'first' }, item);
    expect(controller.getState().status).toBe('streaming');
    const waiting = controller.runWidgetAction({ type: 'second' }, item);
    await Promise.all([replying, waiting]);
    expect(actions.map((entry) => entry.action.type)).toEqual(['first', 'second']);
  });

  it('an action that is not a valid action config sends nothing and records an error', async () => {
    const { controller, item, actions } = await chatWithWidget();
    await controller.runWidgetAction({ payload: { missing: 'type' } }, item);
    expect(actions).toEqual([]);
    expect(controller.getState().error?.message).toContain('not valid');
  });

  it('form values are merged into the payload the server gets, dotted names nested', async () => {
    const { controller, item, actions, errors } = await chatWithWidget();
    await controller.runWidgetAction({ type: 'todo.save', payload: { id: 7, todo: { list: 'home' } } }, item, {
      formValues: { 'todo.title': 'Buy milk', done: true, tags: ['a', 'b'] },
    });
    expect(actions[0]?.action).toEqual({
      type: 'todo.save',
      payload: { id: 7, todo: { list: 'home', title: 'Buy milk' }, done: true, tags: ['a', 'b'] },
    });
    expect(errors).toEqual([]);
  });

  it("a form field named like a key of the action's own payload is ignored, the payload's value is sent, and an error event says so", async () => {
    const { controller, item, actions, errors } = await chatWithWidget();
    await controller.runWidgetAction({ type: 'todo.save', payload: { id: 7 } }, item, {
      formValues: { id: 'typed by the user', title: 'Kept' },
    });
    expect(actions[0]?.action.payload).toEqual({ id: 7, title: 'Kept' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error.message).toContain('id');
    // Not a failure of the chat: nothing is shown as an error.
    expect(controller.getState().error).toBeNull();
  });
});

describe('merging form values', () => {
  it('leaves the action payload it was given as it was', () => {
    const payload = { todo: { id: 1 } };
    const merged = mergeFormValues(payload, { 'todo.title': 'x' });
    expect(merged.payload).toEqual({ todo: { id: 1, title: 'x' } });
    expect(payload).toEqual({ todo: { id: 1 } });
  });

  it('a name that would nest through a value that is not an object collides too', () => {
    expect(mergeFormValues({ todo: 'text' }, { 'todo.title': 'x' })).toEqual({
      payload: { todo: 'text' },
      ignored: ['todo.title'],
    });
  });

  it('names that would reach the prototype, or have empty parts, are never written', () => {
    const merged = mergeFormValues(undefined, { '__proto__.polluted': 'yes', 'a..b': 'x', '': 'y', ok: 'fine' });
    expect(merged.payload).toEqual({ ok: 'fine' });
    expect(merged.ignored).toEqual(['__proto__.polluted', 'a..b', '']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('where actions go and what loads', () => {
  it('follows the handler and streaming flags', () => {
    expect(actionRoute({ handler: 'server', streaming: true })).toBe('stream');
    expect(actionRoute({ handler: 'server', streaming: false })).toBe('sync');
    expect(actionRoute({ handler: 'client', streaming: true })).toBe('client');
  });

  it('auto loading is the control itself for clicks and submissions, nothing for changes, the card for confirm', () => {
    expect(loadingTarget({ loadingBehavior: 'auto' }, 'click')).toBe('self');
    expect(loadingTarget({ loadingBehavior: 'auto' }, 'submit')).toBe('self');
    expect(loadingTarget({ loadingBehavior: 'auto' }, 'change')).toBe('none');
    expect(loadingTarget({ loadingBehavior: 'auto' }, 'confirm')).toBe('container');
    expect(loadingTarget({ loadingBehavior: 'container' }, 'click')).toBe('container');
    expect(loadingTarget({ loadingBehavior: 'none' }, 'click')).toBe('none');
  });
});
