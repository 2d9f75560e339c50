import type { AssistantMessageContent, ThreadItem, ThreadItemUpdate } from '@chatwire/protocol';

/**
 * Copies of the items that have started streaming (`thread.item.added`) but are not final yet,
 * with every update folded in, so a cancelled reply can keep what the user already saw. Copies
 * are deep: folding updates must never change the item objects the responder yielded.
 */
export class PendingItems {
  private readonly items = new Map<string, ThreadItem>();

  add(item: ThreadItem): void {
    this.items.set(item.id, structuredClone(item));
  }

  settle(itemId: string): void {
    this.items.delete(itemId);
  }

  values(): ThreadItem[] {
    return [...this.items.values()];
  }

  apply(itemId: string, update: ThreadItemUpdate): void {
    const item = this.items.get(itemId);
    if (!item) return;
    if (item.type === 'assistant_message') applyToAssistantMessage(item.content, update);
    else if (item.type === 'workflow') {
      if (update.type === 'workflow.task.added') item.workflow.tasks.push(structuredClone(update.task));
      else if (update.type === 'workflow.task.updated') item.workflow.tasks[update.task_index] = structuredClone(update.task);
    }
  }
}

function applyToAssistantMessage(content: AssistantMessageContent[], update: ThreadItemUpdate): void {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      padTo(content, update.content_index);
      content[update.content_index] = structuredClone(update.content);
      return;
    case 'assistant_message.content_part.text_delta': {
      const part = padTo(content, update.content_index);
      part.text += update.delta;
      return;
    }
    case 'assistant_message.content_part.annotation_added': {
      const part = padTo(content, update.content_index);
      const annotation = structuredClone(update.annotation);
      if (update.annotation_index <= part.annotations.length) part.annotations.splice(update.annotation_index, 0, annotation);
      else part.annotations.push(annotation);
      return;
    }
    default:
      return;
  }
}

/** Makes sure `content[index]` exists (empty text parts fill any gap) and returns it. */
function padTo(content: AssistantMessageContent[], index: number): AssistantMessageContent {
  while (content.length <= index) content.push({ type: 'output_text', text: '', annotations: [] });
  return content[index]!;
}
