// @vitest-environment happy-dom
import type { ThreadMetadata, ThreadStreamEvent, WidgetItem, WidgetRoot } from '@chatwire/protocol';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, done, now } from '@chatwire/test-support/transcripts';
import { acting, renderChat } from '../test-support/render-chat.js';

afterEach(cleanup);

async function send(text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: text } });
  await acting(() => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' }));
}

const itemOf = (type: string) => document.querySelector<HTMLElement>(`[data-item-type="${type}"]`);

describe('structured input', () => {
  async function ask() {
    const chat = await renderChat({
      respond: async function* (thread: ThreadMetadata, input): AsyncGenerator<ThreadStreamEvent> {
        if (!input) return;
        yield done({
          type: 'structured_input',
          id: 'si_1',
          thread_id: thread.id,
          created_at: now(),
          status: 'pending',
          inputs: [
            {
              id: 'plan',
              type: 'multiple_choice',
              question: 'Which plan?',
              options: [{ value: 'Team' }, { value: 'Pro' }],
              multiple: false,
            },
            {
              id: 'tools',
              type: 'multiple_choice',
              question: 'Which tools?',
              options: [{ value: 'Docs' }, { value: 'Chat' }],
              multiple: true,
            },
            { id: 'why', type: 'freeform', question: 'Why?', description: 'One line' },
          ],
        });
      },
    });
    await send('Ask me');
    await waitFor(() => expect(screen.getByRole('form', { name: 'Questions' })).toBeTruthy());
    return { chat };
  }

  it('answers go to threads.add_structured_input: one choice, several choices, free text; then the answers show', async () => {
    const { chat } = await ask();
    const form = screen.getByRole('form', { name: 'Questions' });
    fireEvent.click(within(form).getByRole('radio', { name: 'Pro' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Docs' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Chat' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Why?' }), { target: { value: '  It fits  ' } });
    await acting(() => fireEvent.click(within(form).getByRole('button', { name: 'Submit' })));
    await waitFor(() => expect(itemOf('structured_input')?.dataset.status).toBe('answered'));
    const request = chat.received.find((entry) => entry.type === 'threads.add_structured_input');
    expect(request?.params).toEqual({
      thread_id: expect.any(String) as string,
      item_id: 'si_1',
      input: {
        status: 'answered',
        answers: { plan: { values: ['Pro'] }, tools: { values: ['Docs', 'Chat'] }, why: { values: ['It fits'] } },
      },
    });
    const answered = itemOf('structured_input')!;
    expect(answered.textContent).toContain('Docs, Chat');
    expect(answered.textContent).toContain('It fits');
  });

  it('"Skip" declines every question, and each then shows as skipped', async () => {
    const { chat } = await ask();
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Skip' })));
    await waitFor(() => expect(itemOf('structured_input')?.dataset.status).toBe('skipped'));
    expect(chat.received.find((entry) => entry.type === 'threads.add_structured_input')?.params.input).toEqual({
      status: 'skipped',
      answers: {},
    });
    expect(within(itemOf('structured_input')!).getAllByText('Skipped')).toHaveLength(3);
  });
});

describe('widget loading states', () => {
  it('a button is busy while its action runs; a card confirm makes the whole widget busy and inert', async () => {
    const gates = [deferred(), deferred()];
    let calls = 0;
    const widget: WidgetRoot = {
      type: 'Card',
      confirm: { label: 'Book', action: { type: 'book' } },
      children: [{ type: 'Button', label: 'Check', onClickAction: { type: 'check' } }],
    };
    await renderChat({
      respond: async function* (thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
        const item: WidgetItem = { id: 'w1', thread_id: thread.id, created_at: now(), type: 'widget', widget };
        yield done(item);
      },
      action: async function* (): AsyncGenerator<ThreadStreamEvent> {
        await gates[calls++]?.promise;
      },
    });
    await send('Show');
    const check = await waitFor(() => screen.getByRole('button', { name: 'Check' }));
    await acting(() => fireEvent.click(check));
    await waitFor(() => expect(check.getAttribute('aria-busy')).toBe('true'));
    expect(check.hasAttribute('disabled')).toBe(true);
    gates[0]!.resolve();
    await waitFor(() => expect(check.getAttribute('aria-busy')).toBeNull());

    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Book' })));
    const body = itemOf('widget')!.querySelector('.cw-widget-body')!;
    await waitFor(() => expect(body.getAttribute('aria-busy')).toBe('true'));
    expect(body.hasAttribute('inert')).toBe(true);
    gates[1]!.resolve();
    await waitFor(() => expect(body.getAttribute('aria-busy')).toBeNull());
  });
});

describe('workflows', () => {
  it('a finished reasoning workflow folds to its summary; its thoughts show when opened', async () => {
    await renderChat({
      respond: async function* (thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
        yield done({
          type: 'workflow',
          id: 'wf',
          thread_id: thread.id,
          created_at: now(),
          workflow: {
            type: 'reasoning',
            expanded: false,
            summary: { duration: 3 },
            tasks: [{ type: 'thought', content: 'Weighing both options.', status_indicator: 'complete' }],
          },
        });
      },
    });
    await send('Think');
    const workflow = await waitFor(() => {
      const element = itemOf('workflow');
      if (!element) throw new Error('no workflow yet');
      return element;
    });
    const details = workflow.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(workflow.querySelector('summary')?.textContent).toBe('Worked for 3 s');
    expect(workflow.querySelector('.cw-thought')?.textContent).toBe('Weighing both options.');
  });
});
