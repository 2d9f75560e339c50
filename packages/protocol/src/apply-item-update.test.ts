import { childrenOf } from './widgets.js';
import { describe, expect, it } from 'vitest';
import { applyItemUpdate, MAX_SKIPPED_CONTENT_PARTS } from './apply-item-update.js';
import type {
  AssistantMessageContent,
  AssistantMessageItem,
  GeneratedImageItem,
  ThreadItem,
  WidgetItem,
  WorkflowItem,
} from './items.js';
import type { Annotation } from './sources.js';
import type { ThreadItemUpdate } from './updates.js';
import { findComponent } from './widget-tree.js';
import type { Task } from './workflow.js';

const base = { thread_id: 'thr_1', created_at: '2026-01-01T00:00:00.000Z' };
const part = (text: string, annotations: Annotation[] = []): AssistantMessageContent => ({
  type: 'output_text',
  text,
  annotations,
});
const message = (...content: AssistantMessageContent[]): AssistantMessageItem => ({
  ...base,
  id: 'msg_1',
  type: 'assistant_message',
  content,
});
const source = (title: string): Annotation => ({
  type: 'annotation',
  source: { type: 'url', url: `https://example.com/${title}`, title },
});
const task = (title: string, status_indicator: Task['status_indicator'] = 'loading'): Task => ({
  type: 'custom',
  title,
  status_indicator,
});
const workflow = (...tasks: Task[]): WorkflowItem => ({
  ...base,
  id: 'wf_1',
  type: 'workflow',
  workflow: { type: 'custom', tasks, expanded: false },
});
const image = (url?: string): GeneratedImageItem => ({
  ...base,
  id: 'img_1',
  type: 'generated_image',
  ...(url ? { image: { id: 'i', url } } : {}),
});

function widget(): WidgetItem {
  return {
    ...base,
    id: 'w_1',
    type: 'widget',
    widget: {
      type: 'Card',
      children: [
        { type: 'Row', children: [{ type: 'Text', id: 'left', value: 'L' }] },
        {
          type: 'Col',
          children: [{ type: 'Box', children: [{ type: 'Markdown', id: 'deep', value: '# Ti', streaming: true }] }],
        },
      ],
    },
  };
}

function apply<T extends ThreadItem>(item: T, update: ThreadItemUpdate): T {
  const updated = applyItemUpdate(item, update);
  if (!updated) throw new Error(`${update.type} did not apply`);
  return updated as T;
}

const texts = (item: ThreadItem | undefined) =>
  item?.type === 'assistant_message' ? item.content.map((p) => p.text) : undefined;

describe('assistant message updates', () => {
  it('a part added, streamed and done ends as the done part, the earlier parts untouched', () => {
    const first = part('First');
    let item = message(first);
    item = apply(item, { type: 'assistant_message.content_part.added', content_index: 1, content: part('') });
    item = apply(item, { type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'Sec' });
    item = apply(item, { type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'ond' });
    expect(texts(item)).toEqual(['First', 'Second']);
    expect(item.content[0]).toBe(first);
    const final = part('Second, final', [source('a')]);
    item = apply(item, { type: 'assistant_message.content_part.done', content_index: 1, content: final });
    expect(item.content).toEqual([first, final]);
  });

  it('a delta for a part that was never announced starts it empty instead of losing text', () => {
    const updated = apply(message(), { type: 'assistant_message.content_part.text_delta', content_index: 1, delta: 'late' });
    expect(texts(updated)).toEqual(['', 'late']);
    expect(updated.content[0]).toEqual(part(''));
  });

  it('an index far past the last part does not apply, so no update can allocate a huge array', () => {
    const item = message(part('Hi'));
    const farthest = item.content.length + MAX_SKIPPED_CONTENT_PARTS;
    expect(
      apply(item, { type: 'assistant_message.content_part.text_delta', content_index: farthest, delta: 'x' }).content,
    ).toHaveLength(farthest + 1);
    for (const content_index of [farthest + 1, 1_000_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(
        applyItemUpdate(item, { type: 'assistant_message.content_part.text_delta', content_index, delta: 'x' }),
      ).toBeUndefined();
      expect(
        applyItemUpdate(item, { type: 'assistant_message.content_part.added', content_index, content: part('') }),
      ).toBeUndefined();
      expect(
        applyItemUpdate(item, { type: 'assistant_message.content_part.done', content_index, content: part('') }),
      ).toBeUndefined();
      const annotation = {
        type: 'assistant_message.content_part.annotation_added',
        content_index,
        annotation_index: 0,
        annotation: source('a'),
      } as const;
      expect(applyItemUpdate(item, annotation)).toBeUndefined();
    }
  });

  it('a negative or fractional index from code that did not parse its updates does not apply', () => {
    const item = message(part('Hi'));
    for (const content_index of [-1, 0.5, Number.NaN]) {
      expect(
        applyItemUpdate(item, { type: 'assistant_message.content_part.text_delta', content_index, delta: 'x' }),
      ).toBeUndefined();
    }
  });

  it('annotations are inserted at their index; past the end they are appended', () => {
    const item = message(part('Text', [source('a'), source('c')]));
    const titles = (updated: ThreadItem | undefined) =>
      updated?.type === 'assistant_message' ? updated.content[0]?.annotations.map((a) => a.source.title) : undefined;
    const at = (annotation_index: number, title: string) =>
      applyItemUpdate(item, {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index,
        annotation: source(title),
      });
    expect(titles(at(0, 'first'))).toEqual(['first', 'a', 'c']);
    expect(titles(at(1, 'b'))).toEqual(['a', 'b', 'c']);
    expect(titles(at(9, 'z'))).toEqual(['a', 'c', 'z']);
    expect(titles(at(Number.MAX_SAFE_INTEGER, 'z'))).toEqual(['a', 'c', 'z']);
    expect(titles(item)).toEqual(['a', 'c']);
  });
});

describe('widget updates', () => {
  it('a streaming text delta appends to the component found anywhere in the tree; done stops its streaming', () => {
    const item = widget();
    const partial = apply(item, { type: 'widget.streaming_text.value_delta', component_id: 'deep', delta: 'tle', done: false });
    expect(findComponent(partial.widget, 'deep')).toEqual({ type: 'Markdown', id: 'deep', value: '# Title', streaming: true });
    const final = apply(partial, { type: 'widget.streaming_text.value_delta', component_id: 'deep', delta: '!', done: true });
    expect(findComponent(final.widget, 'deep')).toEqual({ type: 'Markdown', id: 'deep', value: '# Title!', streaming: false });
  });

  it('a streaming text delta to a component without a value starts from empty text', () => {
    const item: WidgetItem = {
      ...base,
      id: 'w',
      type: 'widget',
      widget: { type: 'Card', children: [{ type: 'Text', id: 't' }] },
    };
    const updated = apply(item, { type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'Hi', done: true });
    expect(findComponent(updated.widget, 't')).toEqual({ type: 'Text', id: 't', value: 'Hi' });
  });

  it('a widget update copies only the path to the changed component', () => {
    const item = widget();
    const updated = apply(item, {
      type: 'widget.component.updated',
      component_id: 'deep',
      component: { type: 'Markdown', id: 'deep', value: 'New' },
    });
    const [row, col] = childrenOf(updated.widget);
    expect(row).toBe(childrenOf(item.widget)[0]);
    expect(col).not.toBe(childrenOf(item.widget)[1]);
    expect(findComponent(updated.widget, 'deep')).toEqual({ type: 'Markdown', id: 'deep', value: 'New' });
    expect(findComponent(item.widget, 'deep')).toMatchObject({ value: '# Ti' });
  });

  it('a root update replaces the whole widget and keeps the rest of the item', () => {
    const item = { ...widget(), copy_text: 'copy me' };
    const root = { type: 'Card' as const, children: [{ type: 'Text', value: 'Replaced' }] };
    const updated = apply(item, { type: 'widget.root.updated', widget: root });
    expect(updated).toEqual({ ...item, widget: root });
    expect(item.widget.type).toBe('Card');
    expect(item.widget.children).toHaveLength(2);
  });

  it('an update for a component id that is not in the tree does not apply', () => {
    const item = widget();
    expect(
      applyItemUpdate(item, {
        type: 'widget.component.updated',
        component_id: 'missing',
        component: { type: 'Text', value: 'x' },
      }),
    ).toBeUndefined();
    expect(
      applyItemUpdate(item, { type: 'widget.streaming_text.value_delta', component_id: 'missing', delta: 'x', done: false }),
    ).toBeUndefined();
  });
});

describe('workflow updates', () => {
  it('an added task is appended and an updated task replaced, the other tasks untouched', () => {
    const first = task('Read page');
    let item = apply(workflow(first), { type: 'workflow.task.added', task_index: 1, task: task('Search') });
    expect(item.workflow.tasks.map((t) => t.type === 'custom' && t.title)).toEqual(['Read page', 'Search']);
    item = apply(item, { type: 'workflow.task.updated', task_index: 1, task: task('Search', 'complete') });
    expect(item.workflow.tasks).toEqual([first, task('Search', 'complete')]);
    expect(item.workflow.tasks[0]).toBe(first);
  });

  it('an added task is appended whatever index it names, leaving no holes', () => {
    const item = apply(workflow(), { type: 'workflow.task.added', task_index: 1_000_000, task: task('Only') });
    expect(item.workflow.tasks).toEqual([task('Only')]);
  });

  it('an update of a task that is not there does not apply', () => {
    const item = workflow(task('One'));
    for (const task_index of [1, 1_000_000, -1]) {
      expect(applyItemUpdate(item, { type: 'workflow.task.updated', task_index, task: task('x') })).toBeUndefined();
    }
  });
});

describe('generated image updates', () => {
  it('set the image, partial first, then the next one', () => {
    const first = apply(image(), {
      type: 'generated_image.updated',
      image: { id: 'i', url: 'data:image/png;base64,AA' },
      progress: 0.5,
    });
    expect(first.image).toEqual({ id: 'i', url: 'data:image/png;base64,AA' });
    const second = apply(first, { type: 'generated_image.updated', image: { id: 'i', url: 'https://cdn.example/final.png' } });
    expect(second).toEqual({ ...image(), image: { id: 'i', url: 'https://cdn.example/final.png' } });
  });
});

describe('any update', () => {
  const updates: ThreadItemUpdate[] = [
    { type: 'assistant_message.content_part.added', content_index: 0, content: part('') },
    { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
    { type: 'assistant_message.content_part.annotation_added', content_index: 0, annotation_index: 0, annotation: source('a') },
    { type: 'assistant_message.content_part.done', content_index: 0, content: part('x') },
    { type: 'widget.streaming_text.value_delta', component_id: 'deep', delta: 'x', done: true },
    { type: 'widget.component.updated', component_id: 'left', component: { type: 'Text', id: 'left', value: 'R' } },
    { type: 'widget.root.updated', widget: { type: 'Card', children: [] } },
    { type: 'workflow.task.added', task_index: 1, task: task('Two') },
    { type: 'workflow.task.updated', task_index: 0, task: task('One', 'complete') },
    { type: 'generated_image.updated', image: { id: 'i', url: 'https://cdn.example/x.png' } },
  ];
  const items: ThreadItem[] = [message(part('Hello', [source('z')])), widget(), workflow(task('One')), image()];
  const fits: Record<string, ThreadItem['type']> = {
    assistant_message: 'assistant_message',
    widget: 'widget',
    workflow: 'workflow',
    generated_image: 'generated_image',
  };

  it.each(updates.map((update) => [update.type, update] as const))(
    '%s never mutates the item and returns a new one for its own item type only',
    (_type, update) => {
      for (const item of items) {
        const before = structuredClone(item);
        const frozen = deepFreeze(structuredClone(item));
        const updated = applyItemUpdate(frozen, update);
        expect(frozen).toEqual(before);
        if (fits[update.type.split('.')[0]!] === item.type) {
          expect(updated).toBeDefined();
          expect(updated).not.toBe(frozen);
          expect(updated?.type).toBe(item.type);
          expect(updated?.id).toBe(item.id);
        } else {
          expect(updated).toBeUndefined();
        }
      }
    },
  );

  it('an update type this version does not know fits no item', () => {
    const unknown = { type: 'widget.something_new', component_id: 'deep' } as unknown as ThreadItemUpdate;
    expect(applyItemUpdate(widget(), unknown)).toBeUndefined();
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
