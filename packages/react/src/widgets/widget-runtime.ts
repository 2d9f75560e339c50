import { loadingTarget, type ActionSource, type FormValue } from '@chatwire/client';
import { ActionConfig, type WidgetItem } from '@chatwire/protocol';
import { createContext, useCallback, useContext, useState } from 'react';
import type { WidgetComponentRenderer } from './types.js';

/** One rendered widget item: how its actions run and which renderers replace built-in ones. */
export interface WidgetRuntime {
  item: WidgetItem;
  run: (config: unknown, values: Readonly<Record<string, FormValue>>) => Promise<void>;
  /** Marks the whole widget busy (`loadingBehavior: "container"`) for as long as `work` runs. */
  busy: (work: () => Promise<void>) => Promise<void>;
  components: Readonly<Record<string, WidgetComponentRenderer>>;
}

export const WidgetRuntimeContext = createContext<WidgetRuntime | null>(null);

/** The values of the form around a control, read when an action fires. */
export const FormValuesContext = createContext<(() => Record<string, FormValue>) | null>(null);

/** Whether the form around a control is running its submit action (its submit buttons show it). */
export const FormBusyContext = createContext(false);

export function useWidgetRuntime(): WidgetRuntime {
  const runtime = useContext(WidgetRuntimeContext);
  if (!runtime) throw new Error('Widget components must be rendered inside a widget item');
  return runtime;
}

/** A DOM id for a field of this widget, so `Label` can point at it by `fieldName`. */
export function fieldId(item: WidgetItem, name: string): string {
  return `cw-w-${item.id}-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Runs the action `config` declares (for `source`), with the enclosing form's values, and tracks
 * the loading state its `loadingBehavior` asks for: `loading` on this control (`self`), the
 * whole widget (`container`), or none.
 */
export function useWidgetAction(config: unknown, source: ActionSource) {
  const runtime = useWidgetRuntime();
  const formValues = useContext(FormValuesContext);
  const [loading, setLoading] = useState(false);
  const run = useCallback(
    async (values: Readonly<Record<string, FormValue>> = {}) => {
      const parsed = ActionConfig.safeParse(config);
      const target = parsed.success ? loadingTarget(parsed.data, source) : 'none';
      const work = () => runtime.run(config, { ...formValues?.(), ...values });
      if (target === 'container') return runtime.busy(work);
      if (target === 'none') return work();
      setLoading(true);
      try {
        await work();
      } finally {
        setLoading(false);
      }
    },
    [config, source, runtime, formValues],
  );
  return { run, loading, enabled: config !== undefined && config !== null };
}

/** Every named field of a form element, as action values: checkboxes as booleans, the rest as text. */
export function readFormValues(form: HTMLFormElement | null): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  if (!form) return values;
  for (const element of Array.from(
    form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'),
  )) {
    const name = element.name;
    if (!name || element.disabled) continue;
    const type = element.tagName === 'INPUT' ? (element as HTMLInputElement).type : '';
    if (type === 'checkbox') values[name] = (element as HTMLInputElement).checked;
    else if (type === 'radio') {
      if ((element as HTMLInputElement).checked) values[name] = element.value;
      else if (!(name in values)) values[name] = '';
    } else values[name] = element.value;
  }
  return values;
}
