// @vitest-environment happy-dom
import type { Action, ThreadMetadata, ThreadStreamEvent, WidgetItem, WidgetRoot } from '@chatwire/protocol';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { done, now } from '@chatwire/test-support/transcripts';
import { WIDGET_SPEC_COMPONENTS } from '@chatwire/test-support/widget-spec';
import { acting, renderChat } from '../test-support/render-chat.js';
import { BUILTIN_COMPONENTS } from './builtins.js';

afterEach(cleanup);

const FORM: WidgetRoot = {
  type: 'Card',
  children: [
    { type: 'Text', id: 'status', value: 'No todo yet' },
    {
      type: 'Form',
      onSubmitAction: { type: 'todo.save', payload: { id: 7, title: 'from the payload' } },
      children: [
        { type: 'Label', value: 'Title', fieldName: 'title' },
        { type: 'Input', name: 'title', defaultValue: 'typed' },
        { type: 'Label', value: 'Notes', fieldName: 'todo.notes' },
        { type: 'Textarea', name: 'todo.notes', defaultValue: 'buy milk' },
        { type: 'Checkbox', name: 'urgent', label: 'Urgent', defaultChecked: true },
        { type: 'Button', label: 'Save', submit: true },
      ],
    },
    { type: 'Button', label: 'Open map', onClickAction: { type: 'map.open', handler: 'client', payload: { city: 'Oslo' } } },
    { type: 'Button', label: 'Refresh', onClickAction: { type: 'todo.refresh', streaming: false } },
    { type: 'Stars', rating: 4 },
  ],
};

function widgetReply(widget: WidgetRoot) {
  return async function* (thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
    const item: WidgetItem = { id: 'widget_1', thread_id: thread.id, created_at: now(), type: 'widget', widget };
    yield done(item);
  };
}

async function showWidget(extra: Parameters<typeof renderChat>[1] = {}) {
  const actions: { request: string; action: Action }[] = [];
  const chat = await renderChat(
    {
      respond: widgetReply(FORM),
      action: async function* (_thread, action, sender): AsyncGenerator<ThreadStreamEvent> {
        actions.push({ request: 'threads.custom_action', action });
        if (!sender) return;
        const status = { type: 'Text', id: 'status', value: `Saved ${JSON.stringify(action.payload)}` };
        yield {
          type: 'thread.item.updated',
          item_id: sender.id,
          update: { type: 'widget.component.updated', component_id: 'status', component: status },
        };
      },
      syncAction: async (_thread, action, sender) => {
        actions.push({ request: 'threads.sync_custom_action', action });
        if (!sender) return {};
        return {
          updated_item: { ...sender, widget: { ...sender.widget, children: [{ type: 'Text', value: 'Refreshed in place' }] } },
        };
      },
    },
    extra,
  );
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Show the form' } });
  await acting(() => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' }));
  const widget = await waitFor(() => {
    const element = chat.container.querySelector('[data-item-type="widget"]');
    // The widget views are a chunk of their own, loaded with the first widget.
    if (!(element instanceof HTMLElement) || !element.querySelector('[data-widget-type="Card"]'))
      throw new Error('no widget yet');
    return element;
  });
  return { ...chat, actions, widget };
}

describe('widgets in the chat', () => {
  it('submitting a form sends its values merged into the action, the payload winning a collision, and the widget updates in place', async () => {
    const errors: Error[] = [];
    const { widget, actions } = await showWidget({ onError: ({ error }) => errors.push(error) });
    expect(within(widget).getByRole('textbox', { name: 'Title' })).toBeTruthy();
    await acting(() => fireEvent.click(within(widget).getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(actions).toHaveLength(1));
    expect(actions[0]).toEqual({
      request: 'threads.custom_action',
      action: { type: 'todo.save', payload: { id: 7, title: 'from the payload', todo: { notes: 'buy milk' }, urgent: true } },
    });
    expect(errors.map((error) => error.message).join()).toContain('title');
    await waitFor(() => expect(within(widget).getByText(/^Saved /)).toBeTruthy());
    // The same element: updated in place, the fields kept.
    expect(screen.getAllByText(/Saved/)).toHaveLength(1);
    expect(within(widget).getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('typed');
  });

  it('a client action reaches widgets.onAction with the widget item, and a sync action replaces the widget', async () => {
    const seen: { action: Action; id: string }[] = [];
    const { widget, actions } = await showWidget({
      widgets: { onAction: (action, item) => void seen.push({ action, id: item.id }) },
    });
    await acting(() => fireEvent.click(within(widget).getByRole('button', { name: 'Open map' })));
    await waitFor(() => expect(seen).toEqual([{ action: { type: 'map.open', payload: { city: 'Oslo' } }, id: 'widget_1' }]));
    expect(actions).toEqual([]);
    await acting(() => fireEvent.click(within(widget).getByRole('button', { name: 'Refresh' })));
    await waitFor(() => expect(within(widget).getByText('Refreshed in place')).toBeTruthy());
    expect(actions.map((entry) => entry.request)).toEqual(['threads.sync_custom_action']);
  });

  it("an integrator's renderer draws its own component type; an unknown type shows a quiet placeholder", async () => {
    const { widget } = await showWidget({
      widgets: {
        components: {
          Stars: ({ component }) => <span data-widget-type="Stars">{'★'.repeat(Number(component.rating))}</span>,
        },
      },
    });
    expect(within(widget).getByText('★★★★')).toBeTruthy();
    cleanup();
    const plain = await showWidget();
    expect(plain.widget.querySelector('[data-widget-type="Stars"]')?.textContent).toContain('Stars');
  });

  it("an integrator's item renderer replaces the built-in view of that item type, keeping the item handles", async () => {
    const { container } = await renderChat(
      { respond: widgetReply(FORM) },
      { itemRenderers: { widget: ({ item }) => <p>My own view of {item.id}</p> } },
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Show' } });
    await acting(() => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' }));
    const row = await waitFor(() => {
      const element = container.querySelector('[data-item-type="widget"][data-item-id="widget_1"]');
      if (!element) throw new Error('no widget row yet');
      return element;
    });
    expect(row.textContent).toBe('My own view of widget_1');
    expect(row.querySelector('[data-widget-type]')).toBeNull();
  });

  it('component types and prop values named like object internals render as unknown, never as something else', async () => {
    const hostile: WidgetRoot = {
      type: 'Card',
      children: [
        { type: 'constructor', children: [{ type: 'Text', value: 'inside', color: 'constructor', radius: 'toString' }] },
        { type: '__proto__' },
        { type: 'Icon', name: 'constructor', size: 'valueOf' },
        {
          type: 'Table',
          children: [{ type: 'Table.Row', children: [{ type: 'Table.Cell', align: 'constructor', children: [] }] }],
        },
      ],
    };
    const { container } = await renderChat({ respond: widgetReply(hostile) });
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Show' } });
    await acting(() => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' }));
    await waitFor(() => expect(container.querySelector('[data-widget-type="Table.Cell"]')).not.toBeNull());
    expect(container.querySelector('[data-widget-type="constructor"]')?.textContent).toBe('inside');
    expect(container.querySelector('[data-widget-type="__proto__"]')?.textContent).toContain('cannot be shown');
    expect((container.querySelector('[data-widget-type="Text"]') as HTMLElement).style.color).toBe('');
  });

  it('every component of the widget spec has a view', () => {
    expect(WIDGET_SPEC_COMPONENTS.filter((type) => !BUILTIN_COMPONENTS[type])).toEqual([]);
  });
});
