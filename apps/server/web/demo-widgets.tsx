import type { WidgetComponentProps } from '@chatwire/react';
import { useEffect } from 'react';

/**
 * The page's own widget component, `DemoRating` (the gallery shows one): a custom renderer
 * registered through `widgets.components`, which the closed ChatKit UI has no way to do.
 */
export function DemoRating({ component }: WidgetComponentProps) {
  const value = typeof component.value === 'number' ? Math.max(0, Math.min(5, Math.round(component.value))) : 0;
  const label = typeof component.label === 'string' ? component.label : 'Rating';
  return (
    <div className="demo-rating" data-widget-type="DemoRating" role="img" aria-label={`${label}: ${value} of 5`}>
      <span aria-hidden="true">{'★'.repeat(value) + '☆'.repeat(5 - value)}</span>
      <small>{label}</small>
    </div>
  );
}

/** Shows what the `celebrate` client effect said, for a few seconds. */
export function Celebration({ message, onDone }: { message: string | null; onDone: () => void }) {
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(onDone, 6000);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  if (message === null) return null;
  return (
    <div className="demo-celebration" role="status">
      <span aria-hidden="true">🎉</span> {message}
    </div>
  );
}
