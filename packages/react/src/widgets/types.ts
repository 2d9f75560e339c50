import type { FormValue } from '@chatwire/client';
import type { ThreadItem, WidgetComponent, WidgetItem } from '@chatwire/protocol';
import type { ReactNode } from 'react';

/** What a built-in component's view gets: its component, and how to render child components. */
export interface NodeProps {
  component: WidgetComponent;
  /** Renders child components: a list, or one (a `Transition`'s single child). */
  renderChildren: (children: unknown) => ReactNode;
}

/** What an integrator's renderer for a widget component type gets. */
export interface WidgetComponentProps {
  component: WidgetComponent;
  /** The component's `children`, already rendered (custom renderers inside included). */
  children: ReactNode;
  /** The widget item the component is part of. */
  item: WidgetItem;
  /**
   * Runs an action config (`{ type, payload, handler, streaming, … }`) as the spec routes it, with
   * the enclosing form's values and `values` merged into its payload; resolves when it is over.
   */
  runAction: (config: unknown, values?: Readonly<Record<string, FormValue>>) => Promise<void>;
}

/** Renders one widget component type (a custom one, or a built-in replaced). */
export type WidgetComponentRenderer = (props: WidgetComponentProps) => ReactNode;

/** What an integrator's renderer for a thread item type gets. */
export interface ItemRendererProps {
  item: ThreadItem;
  /** True while the item streams. */
  streaming: boolean;
}

/**
 * Renders one thread item type instead of the built-in view. The renderer's output is wrapped in
 * an element carrying `data-item-type` and `data-item-id`, so the handles stay.
 */
export type ItemRenderer = (props: ItemRendererProps) => ReactNode;
