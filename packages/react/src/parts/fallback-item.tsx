import type { ThreadItem } from '@chatwire/protocol';

/** A short, neutral description of an item this UI does not render in full yet. */
function describe(item: ThreadItem): string {
  switch (item.type) {
    case 'widget':
      return item.copy_text ?? 'Interactive content';
    case 'client_tool_call':
      return `Tool: ${item.name} (${item.status === 'completed' ? 'done' : 'waiting'})`;
    case 'generated_image':
      return item.image ? 'Generated image' : 'Generating an image';
    case 'structured_input':
      return item.inputs.map((input) => input.question).join(' · ') || 'A question';
    default:
      return `Content of type ${item.type}`;
  }
}

/**
 * Items without a view of their own yet (widgets, images, structured input, tool calls, and any
 * type a newer server sends) are shown as a plain line rather than dropped, so the thread never
 * silently misses something.
 */
export function FallbackItem({ item }: { item: ThreadItem }) {
  if (item.type === 'end_of_turn') {
    // A marker between turns, with nothing to show.
    return <div className="cw-end-of-turn" data-item-type={item.type} data-item-id={item.id} hidden />;
  }
  return (
    <div className="cw-item cw-fallback" data-item-type={item.type} data-item-id={item.id}>
      {describe(item)}
    </div>
  );
}
