import type { Attachment } from './attachments.js';
import type { ThreadStreamEvent } from './events.js';
import { isHiddenItem, type ThreadItem } from './items.js';
import type { Page, Thread, ThreadMetadata } from './thread.js';

/**
 * Serialization rules of the reference server that go beyond "omit absent fields":
 * a thread's `metadata` is private and always sent as `{}`, attachment `metadata` is never sent,
 * and hidden items never leave the server. Each function returns its argument untouched when
 * nothing needs to change, so the hot path allocates nothing for ordinary events.
 */

const EMPTY_PAGE: Page<ThreadItem> = Object.freeze({ data: [], has_more: false });

function wireAttachment(attachment: Attachment): Attachment {
  if (attachment.metadata === undefined) return attachment;
  const { metadata: _private, ...rest } = attachment;
  return rest;
}

export function toWireAttachment(attachment: Attachment): Attachment {
  return wireAttachment(attachment);
}

export function toWireItem(item: ThreadItem): ThreadItem {
  if (item.type !== 'user_message' || !item.attachments.some((a) => a.metadata !== undefined)) return item;
  return { ...item, attachments: item.attachments.map(wireAttachment) };
}

export function toWireItemPage(items: Page<ThreadItem>): Page<ThreadItem> {
  const data: ThreadItem[] = [];
  for (const item of items.data) if (!isHiddenItem(item)) data.push(toWireItem(item));
  return items.after === undefined ? { data, has_more: items.has_more } : { data, has_more: items.has_more, after: items.after };
}

/** A thread as clients see it: private metadata blanked, hidden items left out. */
export function toWireThread(thread: ThreadMetadata, items?: Page<ThreadItem>): Thread {
  const wire: Thread = {
    id: thread.id,
    title: thread.title,
    created_at: thread.created_at,
    status: thread.status,
    allowed_image_domains: thread.allowed_image_domains,
    metadata: {},
    items: items ? toWireItemPage(items) : { data: [], has_more: false },
  };
  if (wire.title === undefined) delete wire.title;
  if (wire.allowed_image_domains === undefined) delete wire.allowed_image_domains;
  return wire;
}

export function toWireEvent(event: ThreadStreamEvent): ThreadStreamEvent {
  switch (event.type) {
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced': {
      const item = toWireItem(event.item);
      return item === event.item ? event : { ...event, item };
    }
    case 'thread.created':
    case 'thread.updated':
      return { type: event.type, thread: toWireThread(event.thread, event.thread.items ?? EMPTY_PAGE) };
    default:
      return event;
  }
}
