import { describe, expect, it } from 'vitest';
import { findComponent, mapComponents, updateComponent } from './widget-tree.js';
import { WidgetRoot, childrenOf } from './widgets.js';

function tree(): WidgetRoot {
  return {
    type: 'Card',
    id: 'root',
    children: [
      { type: 'Row', children: [{ type: 'Text', id: 'left', value: 'L', streaming: true }] },
      { type: 'Col', children: [{ type: 'Box', children: [{ type: 'Markdown', id: 'deep', value: 'D' }] }] },
    ],
  };
}

describe('widget trees', () => {
  it('findComponent finds the root or a component at any depth, and nothing for an unknown id', () => {
    const root = tree();
    expect(findComponent(root, 'root')).toBe(root);
    expect(findComponent(root, 'deep')).toEqual({ type: 'Markdown', id: 'deep', value: 'D' });
    expect(findComponent(root, 'missing')).toBeUndefined();
  });

  it('updateComponent copies only the path to the component and returns the same root for an unknown id', () => {
    const root = tree();
    const updated = updateComponent(root, 'deep', (component) => ({ ...component, value: 'E' }));
    expect(childrenOf(updated)[0]).toBe(childrenOf(root)[0]);
    expect(findComponent(updated, 'deep')?.value).toBe('E');
    expect(findComponent(root, 'deep')?.value).toBe('D');
    expect(updateComponent(root, 'missing', () => ({ type: 'Text' }))).toBe(root);
  });

  it('mapComponents changes every component it should, copying only their branches', () => {
    const root = tree();
    const stopped = mapComponents(root, (component) =>
      component.streaming === true ? { ...component, streaming: false } : component,
    );
    expect(findComponent(stopped, 'left')).toEqual({ type: 'Text', id: 'left', value: 'L', streaming: false });
    expect(childrenOf(stopped)[1]).toBe(childrenOf(root)[1]);
    expect(findComponent(root, 'left')?.streaming).toBe(true);
    const seen: string[] = [];
    expect(mapComponents(root, (component) => (seen.push(component.type), component))).toBe(root);
    expect(seen).toEqual(['Text', 'Row', 'Markdown', 'Box', 'Col', 'Card']);
  });
});

describe('a component with one child object (the reference Transition)', () => {
  const widget = WidgetRoot.parse({
    type: 'Card',
    children: [{ type: 'Transition', children: { type: 'Text', id: 'status', value: 'Working' } }],
  });

  it('parses and keeps the single child in its shape', () => {
    expect(widget.children).toEqual([{ type: 'Transition', children: { type: 'Text', id: 'status', value: 'Working' } }]);
  });

  it('is found, updated and mapped through', () => {
    expect(findComponent(widget, 'status')).toMatchObject({ value: 'Working' });
    const updated = updateComponent(widget, 'status', (text) => ({ ...text, value: 'Done' }));
    expect(updated.children).toEqual([{ type: 'Transition', children: { type: 'Text', id: 'status', value: 'Done' } }]);
    const seen: string[] = [];
    mapComponents(widget, (component) => (seen.push(component.type), component));
    expect(seen).toEqual(['Text', 'Transition', 'Card']);
  });
});
