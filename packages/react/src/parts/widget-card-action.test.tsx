// @vitest-environment happy-dom
import type { Action, WidgetItem, WidgetRoot } from '@chatwire/protocol';
import { assistantMessage, done } from '@chatwire/test-support/transcripts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { acting, renderChat } from '../test-support/render-chat.js';

afterEach(cleanup);

function card(decided?: string): WidgetRoot {
  const buttons = {
    type: 'Row',
    children: [
      {
        type: 'Button',
        label: 'Approve',
        style: 'primary',
        onClickAction: { type: 'approve_it', payload: { decision: 'approve' } },
      },
      { type: 'Button', label: 'Deny', onClickAction: { type: 'approve_it', payload: { decision: 'deny' } } },
    ],
  };
  return {
    type: 'Card',
    children: [
      { type: 'Title', value: decided ?? 'Approve this action?' },
      { type: 'Text', value: 'notes_add_note {"text":"milk"}' },
      ...(decided ? [] : [buttons]),
    ],
  };
}

describe('a widget card with server actions (the tool approval card)', () => {
  it('renders a card with its text and buttons; a button sends its action with the item, and the replaced card shows', async () => {
    const actions: Array<{ action: Action; sender: string | undefined }> = [];
    await renderChat({
      async *respond(thread) {
        const item: WidgetItem = {
          type: 'widget',
          id: 'card_1',
          thread_id: thread.id,
          created_at: new Date().toISOString(),
          widget: card(),
        };
        yield done(item);
      },
      async *action(thread, action, sender) {
        actions.push({ action, sender: sender?.id });
        if (sender) yield { type: 'thread.item.replaced', item: { ...sender, widget: card('Approved') } };
        yield done(assistantMessage(thread.id, 'msg_after', 'Done.'));
      },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'save milk' } });
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Send' })));
    const approve = await screen.findByRole('button', { name: 'Approve' });
    const root = document.querySelector('[data-item-id="card_1"] [data-widget-type]');
    expect(root?.getAttribute('data-widget-type')).toBe('Card');
    expect(root?.textContent).toContain('notes_add_note {"text":"milk"}');
    expect(screen.getByRole('button', { name: 'Deny' })).toBeTruthy();

    await acting(() => fireEvent.click(approve));
    await waitFor(() => expect(document.querySelector('[data-item-id="msg_after"]')).not.toBeNull());
    expect(actions).toEqual([{ action: { type: 'approve_it', payload: { decision: 'approve' } }, sender: 'card_1' }]);
    expect(document.querySelector('[data-item-id="card_1"]')?.textContent).toContain('Approved');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
