import type { ThreadItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { assistantMessage, now } from '@chatwire/test-support/transcripts';
import { foldEvent } from './fold-event.js';
import { initialState, type ChatState } from './state.js';

const THREAD = { id: 'thr_1', created_at: now(), status: { type: 'active' as const }, metadata: {} };

function withItems(...items: ThreadItem[]): ChatState {
  return { ...initialState(), thread: { metadata: THREAD, items, hasMoreBefore: false, loadingOlder: false } };
}

const noticeIds = () => 1;
const base = { thread_id: 'thr_1', created_at: now() };

describe('folding events that do not fit', () => {
  it('hidden items from a server that sends them anyway are never shown', () => {
    const state = withItems();
    const hidden: ThreadItem = { ...base, id: 'h1', type: 'hidden_context_item', content: 'secret' };
    for (const type of ['thread.item.added', 'thread.item.done', 'thread.item.replaced'] as const) {
      expect(foldEvent(state, { type, item: hidden }, noticeIds).state).toBe(state);
    }
  });

  it('an update for an unknown item, or of the wrong kind, changes nothing and is reported', () => {
    const state = withItems(assistantMessage('thr_1', 'a1', 'Hi'));
    const missing = foldEvent(
      state,
      {
        type: 'thread.item.updated',
        item_id: 'nope',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
      },
      noticeIds,
    );
    expect(missing.state).toBe(state);
    expect(missing.problem).toMatch(/unknown item nope/);
    const wrongKind = foldEvent(
      state,
      {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 'x', status_indicator: 'none' } },
      },
      noticeIds,
    );
    expect(wrongKind.state).toBe(state);
    expect(wrongKind.problem).toMatch(/does not apply to assistant_message a1/);
  });

  it('removing an item that is not there keeps the state as it is', () => {
    const state = withItems(assistantMessage('thr_1', 'a1', 'Hi'));
    expect(foldEvent(state, { type: 'thread.item.removed', item_id: 'gone' }, noticeIds).state).toBe(state);
  });
});
