// @vitest-environment happy-dom
import { RenderTracker, trackRenders } from '@chatwire/test-support/render-tracker';
import type { ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { added, assistantMessage, deferred, done, streamText, updated } from '@chatwire/test-support/transcripts';
import { Composer } from './parts/composer.js';
import { Header } from './parts/header.js';
import { ItemRow } from './parts/item-row.js';
import { ThreadList } from './parts/thread-list.js';
import { acting, renderChat } from './test-support/render-chat.js';

afterEach(() => {
  trackRenders(null);
  cleanup();
});

const DELTAS = 12;

it('while a reply streams, each delta re-renders only the streaming row (not the other rows, the thread list, the header or the composer)', async () => {
  const tracker = new RenderTracker({
    row: { type: ItemRow, key: (props) => String((props.item as { id: string }).id) },
    threads: { type: ThreadList, key: () => '' },
    header: { type: Header, key: () => '' },
    composer: { type: Composer, key: () => '' },
  });
  trackRenders(tracker);

  const steps = Array.from({ length: DELTAS }, () => deferred());
  const finish = deferred();
  let turn = 0;
  async function* respond(thread: ThreadMetadata, input: UserMessageItem | null): AsyncGenerator<ThreadStreamEvent> {
    turn++;
    if (turn < 4) {
      yield* streamText(thread.id, `reply_${turn}`, [
        `Answer to ${input?.content[0]?.text}: `,
        '**bold**, a list:\n\n- one\n- two',
      ]);
      return;
    }
    yield added(assistantMessage(thread.id, 'streaming', ''));
    for (const [i, step] of steps.entries()) {
      await step.promise;
      yield updated('streaming', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: `word${i} ` });
    }
    await finish.promise;
    yield done(assistantMessage(thread.id, 'streaming', steps.map((_, i) => `word${i} `).join('')));
  }

  await renderChat({ respond });
  const box = screen.getByRole('textbox', { name: 'Message' });
  for (const [i, text] of ['one', 'two', 'three', 'four'].entries()) {
    fireEvent.change(box, { target: { value: text } });
    await acting(() => fireEvent.keyDown(box, { key: 'Enter' }));
    const id = i < 3 ? `reply_${i + 1}` : 'streaming';
    await waitFor(() => expect(document.querySelector(`[data-item-id="${id}"]`)).not.toBeNull());
  }
  await waitFor(() => expect(document.querySelector('[data-item-id="reply_3"]')?.getAttribute('aria-busy')).toBe('false'));
  const streaming = document.querySelector('[data-item-id="streaming"]')!;
  expect(document.querySelectorAll('[data-item-type]')).toHaveLength(8);

  tracker.start();
  for (const [i, step] of steps.entries()) {
    await acting(() => step.resolve());
    await waitFor(() => expect(streaming.textContent).toContain(`word${i}`));
  }
  const renders = tracker.stop();

  expect(streaming.getAttribute('aria-busy')).toBe('true');
  // Every delta showed up, so the streaming row rendered once per delta.
  expect(renders.filter((id) => id === 'row:streaming')).toHaveLength(DELTAS);
  expect(renders.filter((id) => id !== 'row:streaming')).toEqual([]);
  await acting(() => finish.resolve());
  await waitFor(() => expect(streaming.getAttribute('aria-busy')).toBe('false'));
});
