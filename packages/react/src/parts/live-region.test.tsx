// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { added, assistantMessage, deferred, done, streamText, updated } from '@chatwire/test-support/transcripts';
import { acting, renderChat } from '../test-support/render-chat.js';

afterEach(cleanup);

const announcer = () => document.querySelector('[aria-live="polite"][data-chat-announcer]')!;

it('the polite live region reads whole sentences as they complete, then the rest when the reply is done; not each delta', async () => {
  const steps = [deferred(), deferred(), deferred()];
  await renderChat({
    async *respond(thread) {
      yield added(assistantMessage(thread.id, 'r1', ''));
      const delta = (text: string) =>
        updated('r1', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text });
      yield delta('The plan costs ');
      await steps[0]!.promise;
      yield delta('**$10** a month. It inclu');
      await steps[1]!.promise;
      yield delta('des support');
      await steps[2]!.promise;
      yield done(assistantMessage(thread.id, 'r1', 'The plan costs **$10** a month. It includes support'));
    },
  });
  const box = screen.getByRole('textbox', { name: 'Message' });
  fireEvent.change(box, { target: { value: 'price?' } });
  await acting(() => fireEvent.keyDown(box, { key: 'Enter' }));
  await waitFor(() => expect(document.querySelector('[data-item-id="r1"]')?.textContent).toContain('The plan costs'));
  expect(announcer().textContent).toBe('');

  await acting(() => steps[0]!.resolve());
  await waitFor(() => expect(announcer().textContent).toBe('The plan costs $10 a month.'));
  await acting(() => steps[1]!.resolve());
  await waitFor(() => expect(document.querySelector('[data-item-id="r1"]')?.textContent).toContain('includes support'));
  expect(announcer().textContent).toBe('The plan costs $10 a month.');
  await acting(() => steps[2]!.resolve());
  await waitFor(() => expect(announcer().textContent).toBe('It includes support'));
});

it('opening an old thread reads nothing out; a reply that arrives whole is read once', async () => {
  let n = 0;
  await renderChat({ respond: (thread) => streamText(thread.id, `r_${++n}`, [`Answer ${n}.`]) });
  const ask = async () => {
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'q' } });
    await acting(() => fireEvent.keyDown(box, { key: 'Enter' }));
  };
  await ask();
  await waitFor(() => expect(announcer().textContent).toBe('Answer 1.'));
  await acting(() =>
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Threads' })).getByRole('button', { name: 'New chat' })),
  );
  await ask();
  await waitFor(() => expect(announcer().textContent).toBe('Answer 2.'));
  const [, first] = screen.getAllByRole('button', { name: 'Untitled' });
  await acting(() => fireEvent.click(first!));
  await waitFor(() => expect(document.querySelector('[data-item-id="r_1"]')).not.toBeNull());
  expect(announcer().textContent).toBe('Answer 2.');
});
