import { applyItemUpdate, type ThreadItem, type ThreadItemUpdate, type ThreadStreamEvent } from '@chatwire/protocol';

/**
 * Copies of the items that have started streaming (`thread.item.added`) but are not final yet,
 * with every update folded in by the same `applyItemUpdate` the client uses, so a cancelled
 * reply keeps exactly what the user saw. Copies are deep: a responder may go on changing the
 * items and update payloads it yielded, and that must never change what is kept.
 */
export class PendingItems {
  private readonly items = new Map<string, ThreadItem>();

  add(item: ThreadItem): void {
    this.items.set(item.id, structuredClone(item));
  }

  settle(itemId: string): void {
    this.items.delete(itemId);
  }

  /** Folds one event of the reply in: started items are copied, updates applied, finished ones let go. */
  follow(event: ThreadStreamEvent): void {
    switch (event.type) {
      case 'thread.item.added':
        return this.add(event.item);
      case 'thread.item.updated':
        return this.apply(event.item_id, event.update);
      case 'thread.item.done':
      case 'thread.item.replaced':
        return this.settle(event.item.id);
      case 'thread.item.removed':
        return this.settle(event.item_id);
      default:
        return undefined;
    }
  }

  values(): ThreadItem[] {
    return [...this.items.values()];
  }

  /** An update that does not fit its item (as the client would also refuse it) changes nothing. */
  apply(itemId: string, update: ThreadItemUpdate): void {
    const item = this.items.get(itemId);
    if (!item) return;
    const updated = applyItemUpdate(item, ownCopy(update));
    if (updated) this.items.set(itemId, updated);
  }
}

/** The update, or a copy when it carries objects the result would share. Text deltas are strings only. */
function ownCopy(update: ThreadItemUpdate): ThreadItemUpdate {
  return update.type === 'assistant_message.content_part.text_delta' || update.type === 'widget.streaming_text.value_delta'
    ? update
    : structuredClone(update);
}
