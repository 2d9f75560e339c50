import { childrenOf, type WidgetComponent } from './widgets.js';

/**
 * Replaces the component with `id` anywhere in the tree by `change(component)`. Only the
 * component and its ancestors are copied; every other branch keeps its identity. Returns the
 * root unchanged (same object) when no component has that id.
 */
export function updateComponent<T extends WidgetComponent>(
  root: T,
  id: string,
  change: (component: WidgetComponent) => WidgetComponent,
): T {
  if (root.id === id) return change(root) as T;
  const children = root.children;
  if (isComponent(children)) {
    // A single child (the reference's `Transition`): replaced in the same shape.
    const updated = updateComponent(children, id, change);
    return updated === children ? root : { ...root, children: updated };
  }
  if (!Array.isArray(children)) return root;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (!isComponent(child)) continue;
    const updated = updateComponent(child, id, change);
    if (updated !== child) {
      const next = children.slice();
      next[index] = updated;
      return { ...root, children: next };
    }
  }
  return root;
}

/** The component with `id`, depth-first, or undefined. */
export function findComponent(root: WidgetComponent, id: string): WidgetComponent | undefined {
  if (root.id === id) return root;
  for (const child of childrenOf(root)) {
    if (!isComponent(child)) continue;
    const found = findComponent(child, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * `change` applied to every component of the tree, children before their parent. A component
 * `change` returns as it is (and whose children all stayed) keeps its identity, so does the root
 * when nothing changed.
 */
export function mapComponents<T extends WidgetComponent>(root: T, change: (component: WidgetComponent) => WidgetComponent): T {
  const children = root.children;
  if (isComponent(children)) {
    const mapped = mapComponents(children, change);
    return change(mapped === children ? root : { ...root, children: mapped }) as T;
  }
  let next: WidgetComponent[] | undefined;
  if (Array.isArray(children)) {
    for (let index = 0; index < children.length; index++) {
      const child = children[index];
      if (!isComponent(child)) continue;
      const mapped = mapComponents(child, change);
      if (mapped !== child) (next ??= children.slice())[index] = mapped;
    }
  }
  return change(next ? { ...root, children: next } : root) as T;
}

function isComponent(value: unknown): value is WidgetComponent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
