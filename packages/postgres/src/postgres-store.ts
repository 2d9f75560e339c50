import type { Attachment, FeedbackKind, Page, SortOrder, ThreadItem, ThreadMetadata } from '@chatwire/protocol';
import { defaultGenerateId, NotFoundError, type Store, type StoreItemType } from '@chatwire/server';
import { sqlStateOf } from './database-errors.js';
import { listFeedback, type FeedbackFilter, type FeedbackRecord } from './feedback.js';
import { pageSql, type PagedTable } from './keyset.js';
import { decodeAttachment, decodeItem, decodeThread, orderingTime, toJsonb } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { insertToolApproval, takeThreadToolApprovals, takeToolApproval, type StoredToolApproval } from './tool-approvals.js';
import { dailyUsage, insertUsage, tokensSince, type DailyUsage, type UsageRecord } from './usage.js';

type DataRow = { data: unknown };
type PageRow = { id: string; data: unknown };

/** Foreign key violation: the thread a row points at is gone (deleted in between). */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The `Store` on Postgres, written once against `SqlClient`, so the same code runs on a server
 * (`createPgClient`) and embedded (`createPgliteClient`). Run `migrate(client)` first.
 *
 * Every statement is scoped by `context.userId` and every key starts with it, so each user is a
 * namespace: another user's ids behave exactly like missing ones. Objects are stored whole as
 * JSONB (their `created_at` string untouched) and validated against the protocol schemas when
 * read back. Order is `(created_at, seq)`, fixed at first insert, so replacing never moves a row.
 */
export class PostgresStore<TContext extends { userId: string }> implements Store<TContext> {
  constructor(readonly client: SqlClient) {}

  generateThreadId(_context: TContext): string {
    return defaultGenerateId('thread');
  }

  generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TContext): string {
    return defaultGenerateId(itemType);
  }

  async loadThread(threadId: string, context: TContext): Promise<ThreadMetadata> {
    const { rows } = await this.client.query<DataRow>('SELECT data FROM chatwire_threads WHERE user_id = $1 AND id = $2', [
      context.userId,
      threadId,
    ]);
    const [row] = rows;
    if (!row) throw new NotFoundError(`Thread ${threadId} not found`);
    return decodeThread(row.data);
  }

  async saveThread(thread: ThreadMetadata, context: TContext): Promise<void> {
    await this.client.query(
      `INSERT INTO chatwire_threads (user_id, id, created_at, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (user_id, id) DO UPDATE SET data = EXCLUDED.data`,
      [context.userId, thread.id, orderingTime(thread.created_at), toJsonb(withoutItems(thread))],
    );
  }

  async loadThreads(
    limit: number,
    after: string | undefined,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadMetadata>> {
    return this.#page('chatwire_threads', [context.userId], after, limit, order, decodeThread);
  }

  async deleteThread(threadId: string, context: TContext): Promise<void> {
    // Items and feedback go with it (ON DELETE CASCADE).
    await this.client.query('DELETE FROM chatwire_threads WHERE user_id = $1 AND id = $2', [context.userId, threadId]);
  }

  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: SortOrder,
    context: TContext,
  ): Promise<Page<ThreadItem>> {
    await this.#requireThread(threadId, context);
    return this.#page('chatwire_items', [context.userId, threadId], after, limit, order, decodeItem);
  }

  async addThreadItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    // A repeated `thread.item.done` replaces the stored item: the same upsert as saveItem.
    await this.#putItem(threadId, item, context);
  }

  async saveItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    await this.#putItem(threadId, item, context);
  }

  async loadItem(threadId: string, itemId: string, context: TContext): Promise<ThreadItem> {
    const { rows } = await this.client.query<DataRow>(
      'SELECT data FROM chatwire_items WHERE user_id = $1 AND thread_id = $2 AND id = $3',
      [context.userId, threadId, itemId],
    );
    const [row] = rows;
    if (!row) throw new NotFoundError(`Item ${itemId} not found in thread ${threadId}`);
    return decodeItem(row.data);
  }

  async deleteThreadItem(threadId: string, itemId: string, context: TContext): Promise<void> {
    await this.client.query('DELETE FROM chatwire_items WHERE user_id = $1 AND thread_id = $2 AND id = $3', [
      context.userId,
      threadId,
      itemId,
    ]);
  }

  async saveAttachment(attachment: Attachment, context: TContext): Promise<void> {
    await this.client.query(
      `INSERT INTO chatwire_attachments (user_id, id, data) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (user_id, id) DO UPDATE SET data = EXCLUDED.data`,
      [context.userId, attachment.id, toJsonb(attachment)],
    );
  }

  async loadAttachment(attachmentId: string, context: TContext): Promise<Attachment> {
    const { rows } = await this.client.query<DataRow>('SELECT data FROM chatwire_attachments WHERE user_id = $1 AND id = $2', [
      context.userId,
      attachmentId,
    ]);
    const [row] = rows;
    if (!row) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return decodeAttachment(row.data);
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    await this.client.query('DELETE FROM chatwire_attachments WHERE user_id = $1 AND id = $2', [context.userId, attachmentId]);
  }

  /**
   * Stores thumbs up/down for items of the caller's thread, one row per item (what
   * `ChatKitServer.addFeedback` receives). Throws `NotFoundError` when the thread is missing or
   * not the caller's. Item ids are recorded as given: the server has already checked them.
   */
  async recordFeedback(threadId: string, itemIds: readonly string[], kind: FeedbackKind, context: TContext): Promise<void> {
    if (itemIds.length === 0) return this.#requireThread(threadId, context);
    const { rowCount } = await this.#mapMissingThread(threadId, () =>
      this.client.query(
        `INSERT INTO chatwire_feedback (user_id, thread_id, item_id, kind)
         SELECT $1, $2, item_id, $4 FROM unnest($3::text[]) WITH ORDINALITY AS rated (item_id, position)
         WHERE EXISTS (SELECT 1 FROM chatwire_threads WHERE user_id = $1 AND id = $2)
         ORDER BY position`,
        [context.userId, threadId, [...itemIds], kind],
      ),
    );
    if (rowCount === 0) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  /** The caller's feedback, oldest first; `after` is the `id` of the last record of the previous page. */
  async listFeedback(filter: FeedbackFilter, context: TContext): Promise<FeedbackRecord[]> {
    return listFeedback(this.client, context.userId, filter);
  }

  /** Records what one of the caller's replies cost in model tokens (see `chatwire_usage`). */
  async recordUsage(record: UsageRecord, context: TContext): Promise<void> {
    await insertUsage(this.client, context.userId, record);
  }

  /** The caller's input plus output tokens since `since`: what a daily budget is held against. */
  async tokensUsedSince(since: Date, context: TContext): Promise<number> {
    return tokensSince(this.client, context.userId, since);
  }

  /** The caller's usage per UTC day since `since`, oldest first. */
  async dailyUsage(since: Date, context: TContext): Promise<DailyUsage[]> {
    return dailyUsage(this.client, context.userId, since);
  }

  /**
   * Keeps a run paused for the caller's approval (see `chatwire_tool_approvals`); with
   * `takePendingApproval`, the `ToolApprovalStore` of `@chatwire/agents`.
   */
  async savePendingApproval(approval: StoredToolApproval, context: TContext): Promise<void> {
    const rowCount = await this.#mapMissingThread(approval.threadId, () =>
      insertToolApproval(this.client, context.userId, approval),
    );
    if (rowCount === 0) throw new NotFoundError(`Thread ${approval.threadId} not found`);
  }

  /** Removes and returns the caller's pending approval; `null` when missing, already taken or another user's. */
  async takePendingApproval(threadId: string, id: string, context: TContext): Promise<StoredToolApproval | null> {
    return takeToolApproval(this.client, context.userId, threadId, id);
  }

  /** Removes and returns every pending approval of the caller's thread (the conversation moved on). */
  async takeThreadApprovals(threadId: string, context: TContext): Promise<StoredToolApproval[]> {
    return takeThreadToolApprovals(this.client, context.userId, threadId);
  }

  async #putItem(threadId: string, item: ThreadItem, context: TContext): Promise<void> {
    // Inserts only when the caller owns the thread; on conflict only the content changes, never the order key.
    const { rowCount } = await this.#mapMissingThread(threadId, () =>
      this.client.query(
        `INSERT INTO chatwire_items (user_id, thread_id, id, type, created_at, data)
         SELECT $1, $2, $3, $4, $5::timestamptz, $6::jsonb
         WHERE EXISTS (SELECT 1 FROM chatwire_threads WHERE user_id = $1 AND id = $2)
         ON CONFLICT (user_id, thread_id, id) DO UPDATE SET type = EXCLUDED.type, data = EXCLUDED.data`,
        [context.userId, threadId, item.id, item.type, orderingTime(item.created_at), toJsonb(item)],
      ),
    );
    if (rowCount === 0) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  async #requireThread(threadId: string, context: TContext): Promise<void> {
    const { rowCount } = await this.client.query('SELECT 1 FROM chatwire_threads WHERE user_id = $1 AND id = $2', [
      context.userId,
      threadId,
    ]);
    if (rowCount === 0) throw new NotFoundError(`Thread ${threadId} not found`);
  }

  /** The thread was deleted between the existence check and the insert: the same as never having been there. */
  async #mapMissingThread<T>(threadId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlStateOf(error) === FOREIGN_KEY_VIOLATION) throw new NotFoundError(`Thread ${threadId} not found`);
      throw error;
    }
  }

  async #page<T>(
    table: PagedTable,
    scope: string[],
    after: string | undefined,
    limit: number,
    order: SortOrder,
    decode: (data: unknown) => T,
  ): Promise<Page<T>> {
    const size = Math.max(0, Math.floor(limit));
    // One row more than asked for tells whether another page follows.
    const params = after === undefined ? [...scope, size + 1] : [...scope, after, size + 1];
    const { rows } = await this.client.query<PageRow>(pageSql(table, order, after !== undefined), params);
    const data = rows.slice(0, size).map((row) => decode(row.data));
    const last = rows[size - 1];
    if (rows.length <= size) return { data, has_more: false };
    return last ? { data, has_more: true, after: last.id } : { data, has_more: true };
  }
}

/** The server may hand over a full `Thread`; its page of items is not thread metadata. */
function withoutItems(thread: ThreadMetadata): ThreadMetadata {
  const { items: _items, ...metadata }: ThreadMetadata & { items?: unknown } = thread;
  return metadata;
}
