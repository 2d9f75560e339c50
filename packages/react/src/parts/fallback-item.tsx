import type { ThreadItem } from '@chatwire/protocol';
import { useStrings } from '../strings/use-strings.js';

/**
 * Items without a view of their own (a type a newer server sends that this version still parses)
 * are shown as a plain line rather than dropped, so the thread never silently misses something.
 */
export function FallbackItem({ item }: { item: ThreadItem }) {
  const strings = useStrings();
  if (item.type === 'end_of_turn') {
    // A marker between turns, with nothing to show.
    return <div className="cw-end-of-turn" data-item-type={item.type} data-item-id={item.id} hidden />;
  }
  return (
    <div className="cw-item cw-fallback" data-item-type={item.type} data-item-id={item.id}>
      {strings.widgetUnsupported(item.type)}
    </div>
  );
}
