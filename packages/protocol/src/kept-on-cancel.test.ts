import { childrenOf } from './widgets.js';
import { describe, expect, it } from 'vitest';
import type { ThreadItem, WidgetItem, WorkflowItem } from './items.js';
import { keptOnCancel } from './kept-on-cancel.js';
import { findComponent } from './widget-tree.js';

const base = { thread_id: 'thr_1', created_at: '2026-01-01T00:00:00.000Z' };

describe('what a stopped reply keeps of an item that was still streaming', () => {
  it('an assistant message with text, as it is; one with only blank text, nothing', () => {
    const message: ThreadItem = {
      ...base,
      id: 'm',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'Once upon', annotations: [] }],
    };
    expect(keptOnCancel(message)).toBe(message);
    const blank: ThreadItem = {
      ...base,
      id: 'm',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: ' \n', annotations: [] }],
    };
    expect(keptOnCancel(blank)).toBeUndefined();
    expect(keptOnCancel({ ...base, id: 'm', type: 'assistant_message', content: [] })).toBeUndefined();
  });

  it('a widget, with the components that were still streaming stopped (reference drops widgets: the user saw it)', () => {
    const widget: WidgetItem = {
      ...base,
      id: 'w',
      type: 'widget',
      widget: {
        type: 'Card',
        children: [
          { type: 'Markdown', id: 'forecast', value: 'Sunny, th', streaming: true },
          { type: 'Text', value: 'Fixed' },
        ],
      },
    };
    const kept = keptOnCancel(widget);
    if (kept?.type !== 'widget') throw new Error('expected the widget');
    expect(findComponent(kept.widget, 'forecast')).toEqual({
      type: 'Markdown',
      id: 'forecast',
      value: 'Sunny, th',
      streaming: false,
    });
    expect(childrenOf(kept.widget)[1]).toBe(childrenOf(widget.widget)[1]);
    expect(childrenOf(widget.widget)[0]?.streaming).toBe(true);
    const still: WidgetItem = {
      ...base,
      id: 'w',
      type: 'widget',
      widget: { type: 'Card', children: [{ type: 'Text', value: 'Done' }] },
    };
    expect(keptOnCancel(still)).toBe(still);
  });

  it('a workflow with tasks, unfinished tasks no longer loading; an empty one, nothing', () => {
    const workflow: WorkflowItem = {
      ...base,
      id: 'wf',
      type: 'workflow',
      workflow: {
        type: 'custom',
        expanded: false,
        tasks: [
          { type: 'custom', title: 'Read page context', status_indicator: 'complete' },
          { type: 'custom', title: 'Search', status_indicator: 'loading' },
        ],
      },
    };
    const kept = keptOnCancel(workflow);
    if (kept?.type !== 'workflow') throw new Error('expected the workflow');
    expect(kept.workflow.tasks.map((task) => task.status_indicator)).toEqual(['complete', 'none']);
    expect(kept.workflow.tasks[0]).toBe(workflow.workflow.tasks[0]);
    expect(workflow.workflow.tasks[1]?.status_indicator).toBe('loading');
    expect(keptOnCancel({ ...workflow, workflow: { ...workflow.workflow, tasks: [] } })).toBeUndefined();
  });

  it('a generated image once it has one (even a partial one); a placeholder, nothing', () => {
    const image: ThreadItem = {
      ...base,
      id: 'img',
      type: 'generated_image',
      image: { id: 'i', url: 'data:image/png;base64,AA' },
    };
    expect(keptOnCancel(image)).toBe(image);
    expect(keptOnCancel({ ...base, id: 'img', type: 'generated_image' })).toBeUndefined();
  });

  it('nothing of a pending client tool call', () => {
    const call: ThreadItem = {
      ...base,
      id: 'c',
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'call_1',
      name: 'pick',
      arguments: {},
    };
    expect(keptOnCancel(call)).toBeUndefined();
  });
});
