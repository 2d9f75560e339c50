import type { WidgetItem } from '@chatwire/protocol';
import { LazyModule, useLazyModule } from '../markdown/lazy-module.js';
import { loadWidgetBody } from '../widgets/widget-chunk.js';

const widgetViews = new LazyModule(loadWidgetBody);

/**
 * A widget item's row. The views of the widget components arrive with the first widget (a chunk
 * of their own); until then the row shows the item's `copy_text`, if it has one.
 */
export function WidgetView({ item }: { item: WidgetItem }) {
  const views = useLazyModule(widgetViews);
  return (
    <div className="cw-item cw-widget" data-item-type="widget" data-item-id={item.id}>
      {views ? <views.WidgetBody item={item} /> : <p className="cw-widget-pending">{item.copy_text ?? ''}</p>}
    </div>
  );
}
