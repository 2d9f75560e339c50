import type { Annotation, ThreadItem, WidgetItem, WorkflowItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { assistantMessage, now, textOf } from '../test-support/fixtures.js';
import { applyItemUpdate } from './apply-update.js';
import { foldEvent } from './fold-event.js';
import { initialState, type ChatState } from './state.js';

const THREAD = { id: 'thr_1', created_at: now(), status: { type: 'active' as const }, metadata: {} };

function withItems(...items: ThreadItem[]): ChatState {
  return { ...initialState(), thread: { metadata: THREAD, items, hasMoreBefore: false, loadingOlder: false } };
}

const noticeIds = () => 1;
const base = { thread_id: 'thr_1', created_at: now() };
const source = (title: string): Annotation => ({ type: 'annotation', source: { type: 'url', url: `https://example.com/${title}`, title } });

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
    const missing = foldEvent(state, { type: 'thread.item.updated', item_id: 'nope', update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' } }, noticeIds);
    expect(missing.state).toBe(state);
    expect(missing.problem).toMatch(/unknown item nope/);
    const wrongKind = foldEvent(state, { type: 'thread.item.updated', item_id: 'a1', update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 'x', status_indicator: 'none' } } }, noticeIds);
    expect(wrongKind.state).toBe(state);
    expect(wrongKind.problem).toMatch(/does not apply to assistant_message a1/);
  });

  it('removing an item that is not there keeps the state as it is', () => {
    const state = withItems(assistantMessage('thr_1', 'a1', 'Hi'));
    expect(foldEvent(state, { type: 'thread.item.removed', item_id: 'gone' }, noticeIds).state).toBe(state);
  });
});

describe('applying updates', () => {
  it('a delta for a part that was never announced starts it empty instead of losing text', () => {
    const updated = applyItemUpdate(assistantMessage('thr_1', 'a1', ''), { type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'late' });
    expect(updated).toMatchObject({ content: [{ text: '' }, { text: 'late' }] });
  });

  it('annotations are inserted at their index; past the end they are appended', () => {
    const message = { ...assistantMessage('thr_1', 'a1', 'Text'), content: [{ type: 'output_text' as const, text: 'Text', annotations: [source('a'), source('c')] }] };
    const inserted = applyItemUpdate(message, { type: 'assistant_message.content_part.annotation_added', content_index: 0, annotation_index: 1, annotation: source('b') });
    const appended = applyItemUpdate(message, { type: 'assistant_message.content_part.annotation_added', content_index: 0, annotation_index: 9, annotation: source('z') });
    const titles = (item: ThreadItem | undefined) => (item?.type === 'assistant_message' ? item.content[0]?.annotations.map((a) => a.source.title) : undefined);
    expect(titles(inserted)).toEqual(['a', 'b', 'c']);
    expect(titles(appended)).toEqual(['a', 'c', 'z']);
    expect(titles(message)).toEqual(['a', 'c']);
  });

  it('a widget update copies only the path to the changed component', () => {
    const widget: WidgetItem = {
      ...base,
      id: 'w1',
      type: 'widget',
      widget: {
        type: 'Card',
        children: [
          { type: 'Row', children: [{ type: 'Text', id: 'left', value: 'L' }] },
          { type: 'Col', children: [{ type: 'Box', children: [{ type: 'Markdown', id: 'deep', value: '# Ti', streaming: true }] }] },
        ],
      },
    };
    const updated = applyItemUpdate(widget, { type: 'widget.streaming_text.value_delta', component_id: 'deep', delta: 'tle', done: true });
    if (updated?.type !== 'widget') throw new Error('expected a widget');
    const [row, col] = updated.widget.children ?? [];
    expect(row).toBe(widget.widget.children?.[0]);
    expect(col).not.toBe(widget.widget.children?.[1]);
    expect(col?.children?.[0]?.children?.[0]).toEqual({ type: 'Markdown', id: 'deep', value: '# Title', streaming: false });
    expect(widget.widget.children?.[1]?.children?.[0]?.children?.[0]).toMatchObject({ value: '# Ti' });
  });

  it('a widget update for a component id that does not exist does not apply', () => {
    const widget: WidgetItem = { ...base, id: 'w1', type: 'widget', widget: { type: 'Card', children: [] } };
    expect(applyItemUpdate(widget, { type: 'widget.component.updated', component_id: 'missing', component: { type: 'Text', value: 'x' } })).toBeUndefined();
  });

  it('a task update outside the task list does not apply', () => {
    const workflow: WorkflowItem = { ...base, id: 'wf', type: 'workflow', workflow: { type: 'reasoning', tasks: [], expanded: false } };
    expect(applyItemUpdate(workflow, { type: 'workflow.task.updated', task_index: 0, task: { type: 'thought', content: 'x', status_indicator: 'none' } })).toBeUndefined();
  });

  it('updates never mutate the item they start from', () => {
    const message = assistantMessage('thr_1', 'a1', 'Hello');
    const frozen = JSON.stringify(message);
    const updated = applyItemUpdate(message, { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: ' world' });
    expect(textOf(updated)).toBe('Hello world');
    expect(JSON.stringify(message)).toBe(frozen);
  });
});
