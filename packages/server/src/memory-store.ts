import type { Attachment, Page, SortOrder, ThreadItem, ThreadMetadata } from '@chatwire/protocol';
import { NotFoundError } from './errors.js';
import { defaultGenerateId, type StoreItemType } from './ids.js';
import { OrderedCollection } from './memory-store/ordered-collection.js';
import type { Store } from './store.js';

interface StoredThread {
  metadata: ThreadMetadata;
  items: OrderedCollection<ThreadItem>;
}

/** Everything one user owns. Users never share a namespace, so another user's ids simply are not there. */
interface UserSpace {
  threads: OrderedCollection<StoredThread>;
  attachments: Map<string, Attachment>;
}

/**
 * A `Store` that keeps everything in process memory, for tests, demos and single-process
 * development. Data is namespaced by `context.userId` and deep-copied on every save and load,
 * so callers can never change stored state by mutating objects they handed in or got back.
 */
export class MemoryStore<TContext extends { userId: string }> implements Store<TContext> {
  readonly #users = new Map<string, UserSpace>();

  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    return structuredClone(this.#thread(threadId, context).metadata);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    const metadata = structuredClone(withoutItems(thread));
    const { threads } = this.#ownSpace(context);
    const existing = threads.get(thread.id);
    if (existing) {
      existing.metadata = metadata;
    } else {
      threads.set(thread.id, thread.created_at, { metadata, items: new OrderedCollection() });
    }
  }

  async loadThreads(
    limit: number,
    after: string | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>> {
    const space = this.#existingSpace(context);
    if (!space) return { data: [], has_more: false };
    const page = space.threads.page(after, limit, order);
    return { ...page, data: page.data.map((stored) => structuredClone(stored.metadata)) };
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    this.#existingSpace(context)?.threads.delete(threadId);
  }

  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    const page = this.#thread(threadId, context).items.page(after, limit, order);
    return { ...page, data: page.data.map((item) => structuredClone(item)) };
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    // A repeated `thread.item.done` must replace, not duplicate, so adding is an upsert too.
    this.#putItem(threadId, item, context);
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    this.#putItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const item = this.#thread(threadId, context).items.get(itemId);
    if (!item) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return structuredClone(item);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    this.#existingSpace(context)?.threads.get(threadId)?.items.delete(itemId);
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    this.#ownSpace(context).attachments.set(attachment.id, structuredClone(attachment));
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const attachment = this.#existingSpace(context)?.attachments.get(attachmentId);
    if (!attachment) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return structuredClone(attachment);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    this.#existingSpace(context)?.attachments.delete(attachmentId);
  }

  #putItem(threadId: string, item: ThreadItem, context: TContext): void {
    this.#thread(threadId, context).items.set(item.id, item.created_at, structuredClone(item));
  }

  #thread(threadId: string, context: TContext): StoredThread {
    const thread = this.#existingSpace(context)?.threads.get(threadId);
    if (!thread) throw new NotFoundError(`Thread ${threadId} not found`);
    return thread;
  }

  /** Reads never create a namespace, so probing with unknown user ids cannot grow memory. */
  #existingSpace(context: TContext): UserSpace | undefined {
    return this.#users.get(context.userId);
  }

  #ownSpace(context: TContext): UserSpace {
    let space = this.#users.get(context.userId);
    if (!space) {
      space = { threads: new OrderedCollection(), attachments: new Map() };
      this.#users.set(context.userId, space);
    }
    return space;
  }
}

/** The server may hand over a full `Thread`; its items page must not be stored as metadata. */
function withoutItems(thread: ThreadMetadata): ThreadMetadata {
  const { items: _items, ...metadata } = thread as ThreadMetadata & { items?: unknown };
  return metadata;
}
