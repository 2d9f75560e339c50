import { z } from 'zod';

/**
 * A widget component. Widgets are a tree of components with a `type`, an optional `id` and
 * `key`, optional `children`, and any other props, which are kept exactly as they come (minus
 * `null` values, which the reference drops from widgets at every depth). `children` is a list, or
 * one component: the reference's `Transition` wraps a single child object, kept in that shape.
 */
export interface WidgetComponent {
  type: string;
  id?: string;
  key?: string;
  children?: WidgetComponent[] | WidgetComponent;
  [prop: string]: unknown;
}

export const WIDGET_ROOT_TYPES = ['Card', 'ListView', 'Basic'] as const;
export type WidgetRootType = (typeof WIDGET_ROOT_TYPES)[number];

export interface WidgetRoot extends WidgetComponent {
  type: WidgetRootType;
}

/** A component's children as a list, whichever shape they came in (none, one, or a list). */
export function childrenOf(component: WidgetComponent): WidgetComponent[] {
  const children = component.children;
  if (Array.isArray(children)) return children;
  return children && typeof children === 'object' ? [children] : [];
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null) out[key] = dropNulls(inner);
    }
    return out;
  }
  return value;
}

const componentShape = z.looseObject({
  type: z.string().min(1),
  id: z.string().nullish(),
  key: z.string().nullish(),
  get children() {
    return z.union([z.array(componentShape), componentShape]).nullish();
  },
});

export const WidgetComponent: z.ZodType<WidgetComponent> = componentShape.transform(
  (component) => dropNulls(component) as WidgetComponent,
);

export const WidgetRoot: z.ZodType<WidgetRoot> = componentShape
  .extend({ type: z.enum(WIDGET_ROOT_TYPES) })
  .transform((component) => dropNulls(component) as WidgetRoot);

/** What a client sends when a widget action fires (`threads.custom_action`). */
export const Action = z.object({
  type: z.string(),
  payload: z.unknown().optional(),
});
export type Action = z.infer<typeof Action>;

/** How a widget declares an action (`onClickAction`, `onSubmitAction`, …). */
export const ActionConfig = z.object({
  type: z.string(),
  payload: z.unknown().optional(),
  handler: z.enum(['client', 'server']).default('server'),
  loadingBehavior: z.enum(['auto', 'none', 'self', 'container']).default('auto'),
  streaming: z.boolean().default(true),
});
export type ActionConfig = z.infer<typeof ActionConfig>;
