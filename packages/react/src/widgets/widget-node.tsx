import type { WidgetComponent } from '@chatwire/protocol';
import type { FormValue } from '@chatwire/client';
import { memo, useCallback, useContext, type ReactNode } from 'react';
import { useStrings } from '../strings/use-strings.js';
import { BUILTIN_COMPONENTS } from './builtins.js';
import type { WidgetComponentRenderer } from './types.js';
import { own } from './style-props.js';
import { FormValuesContext, useWidgetRuntime } from './widget-runtime.js';

const isComponent = (value: unknown): value is WidgetComponent =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

function renderChildren(children: unknown): ReactNode {
  const list: unknown[] = Array.isArray(children) ? children : isComponent(children) ? [children] : [];
  if (list.length === 0) return null;
  return list.filter(isComponent).map((child, index) => <WidgetNode key={child.key ?? child.id ?? index} component={child} />);
}

/**
 * One widget component: the integrator's renderer for its type when there is one, else the
 * built-in view, else (a type this UI does not know) a quiet placeholder that still carries
 * `data-widget-type`. Memoised: an update in place re-renders only the changed path.
 */
export const WidgetNode = memo(function WidgetNode({ component }: { component: WidgetComponent }) {
  const runtime = useWidgetRuntime();
  const custom = own(runtime.components, component.type);
  if (custom) return <CustomNode renderer={custom} component={component} />;
  const Builtin = own(BUILTIN_COMPONENTS, component.type);
  if (Builtin) return <Builtin component={component} renderChildren={renderChildren} />;
  return <UnknownNode component={component} />;
});

function CustomNode({ renderer: Renderer, component }: { renderer: WidgetComponentRenderer; component: WidgetComponent }) {
  const runtime = useWidgetRuntime();
  const formValues = useContext(FormValuesContext);
  const runAction = useCallback(
    (config: unknown, values?: Readonly<Record<string, FormValue>>) => runtime.run(config, { ...formValues?.(), ...values }),
    [runtime, formValues],
  );
  return (
    <Renderer component={component} item={runtime.item} runAction={runAction}>
      {renderChildren(component.children)}
    </Renderer>
  );
}

function UnknownNode({ component }: { component: WidgetComponent }) {
  const strings = useStrings();
  return (
    <div className="cw-w-unknown" data-widget-type={component.type}>
      {renderChildren(component.children) ?? strings.widgetUnsupported(component.type)}
    </div>
  );
}
