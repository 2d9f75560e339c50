import type { WidgetItem } from '@chatwire/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRuntime, useSettings } from '../context.js';
import { WidgetNode } from './widget-node.js';
import { WidgetRuntimeContext, type WidgetRuntime } from './widget-runtime.js';

/**
 * What is inside a widget item's row (the row itself is `WidgetView`, in the base bundle; this
 * module is a chunk of its own, loaded when the first widget shows): its root component and everything inside, with actions routed by the chat's
 * controller (`runWidgetAction`) and `widgets.onAction` for client actions. Updates
 * (`widget.root.updated`, `widget.component.updated`, streamed text) arrive as a new item and
 * re-render in place: fields keep what the user typed unless their component's `key` changes.
 * While a `loadingBehavior: "container"` action runs the whole widget is busy and inert.
 */
export function WidgetBody({ item }: { item: WidgetItem }) {
  const { controller, ui } = useRuntime();
  const { widgetComponents } = useSettings();
  const [busy, setBusy] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  // Set as a property: React 18 and 19 disagree on how the `inert` attribute is written.
  useEffect(() => {
    if (body.current) body.current.inert = busy > 0;
  }, [busy]);
  const runtime = useMemo<WidgetRuntime>(
    () => ({
      item,
      components: widgetComponents,
      run: (config, values) =>
        controller.runWidgetAction(config, item, {
          formValues: values,
          onClientAction: (action, sender) => {
            const handler = ui.latestOptions().widgets?.onAction;
            if (!handler) throw new Error(`No widgets.onAction handler for the client action ${action.type}`);
            return handler(action, { id: sender.id, widget: sender.widget });
          },
        }),
      busy: async (work) => {
        setBusy((count) => count + 1);
        try {
          await work();
        } finally {
          setBusy((count) => count - 1);
        }
      },
    }),
    [item, controller, ui, widgetComponents],
  );
  return (
    <div ref={body} className="cw-widget-body" data-loading={busy > 0 ? 'true' : undefined} aria-busy={busy > 0 || undefined}>
      <WidgetRuntimeContext.Provider value={runtime}>
        <WidgetNode component={item.widget} />
      </WidgetRuntimeContext.Provider>
    </div>
  );
}
