import type { Attachment, AttachmentCreateParams, Page, SortOrder, ThreadItem, ThreadMetadata } from '@chatwire/protocol';
import type { StoreItemType } from './ids.js';

/**
 * Where threads, items and attachment metadata live. Every method receives the request context
 * and must scope by the user in it: another user's thread, item or attachment behaves exactly
 * like a missing one (`NotFoundError` on load, nothing changed on delete). The conformance suite
 * in `@chatwire/server/testing` pins the contract; run it against every implementation.
 *
 * Argument order and meaning follow the reference server's `Store`.
 */
export interface Store<TContext> {
  generateThreadId(context: TContext): string;
  generateItemId(itemType: StoreItemType, thread: ThreadMetadata, context: TContext): string;

  /** Throws `NotFoundError` when missing or not the caller's. */
  loadThread(threadId: string, context: TContext): Promise<ThreadMetadata>;
  /** Insert or update. Receives metadata only, never items. */
  saveThread(thread: ThreadMetadata, context: TContext): Promise<void>;
  /** The caller's threads by `created_at` (ties in insertion order); `after` is a thread id. */
  loadThreads(limit: number, after: string | undefined, order: SortOrder, context: TContext): Promise<Page<ThreadMetadata>>;
  /** Deletes the thread and its items; nothing happens when it is missing. */
  deleteThread(threadId: string, context: TContext): Promise<void>;

  /**
   * A page of the thread's items by `created_at`, ties in insertion order. `after` is an item id;
   * the page holds the items strictly after it in `order`. Throws `NotFoundError` for a missing thread.
   */
  loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>>;
  /**
   * Appends an item (what `thread.item.done` does). An item whose id is already in the thread is
   * replaced in place instead: a repeated `done` must never duplicate or corrupt anything.
   */
  addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  /** Insert or replace by id (what `thread.item.replaced` does); a replaced item keeps its position. */
  saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void>;
  /** Throws `NotFoundError` when the item is missing or not in that thread. */
  loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem>;
  deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void>;

  /** Insert or update attachment metadata (its `metadata` field included). */
  saveAttachment(attachment: Attachment, context: TContext): Promise<void>;
  loadAttachment(attachmentId: string, context: TContext): Promise<Attachment>;
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
}

/** Where attachment bytes live, and how uploads are set up (two-phase upload). */
export interface AttachmentStore<TContext> {
  /**
   * Creates an attachment for `attachments.create`, usually with an `upload_descriptor` telling
   * the client where to send the bytes. The server saves the returned metadata in the `Store`.
   */
  createAttachment(input: AttachmentCreateParams, context: TContext): Promise<Attachment>;
  /** Deletes the bytes; the server deletes the metadata. */
  deleteAttachment(attachmentId: string, context: TContext): Promise<void>;
  generateAttachmentId(mimeType: string, context: TContext): string;
}
