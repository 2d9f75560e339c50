import type { WidgetComponent } from '@chatwire/protocol';

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
  if (!Array.isArray(root.children)) return undefined;
  for (const child of root.children) {
    if (!isComponent(child)) continue;
    const found = findComponent(child, id);
    if (found) return found;
  }
  return undefined;
}

function isComponent(value: unknown): value is WidgetComponent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
