import { FeedbackKind } from '@chatwire/protocol';
import { StoredDataError } from './rows.js';
import type { SqlClient } from './sql-client.js';

/** One rating of one item, as stored by `PostgresStore.recordFeedback`. */
export interface FeedbackRecord {
  /** Increasing with insertion; pass the last one as `after` for the next page. */
  id: string;
  thread_id: string;
  item_id: string;
  kind: FeedbackKind;
  /** When it was recorded (database clock), ISO-8601 UTC. */
  created_at: string;
}

export interface FeedbackFilter {
  /** Only this thread's feedback. */
  threadId?: string;
  /** Records after this id. */
  after?: string;
  /** At most this many (default 100, at most 1,000). */
  limit?: number;
}

type FeedbackRow = Record<keyof FeedbackRecord, unknown>;

const COLUMNS = `id::text AS id, thread_id, item_id, kind,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

/** A user's feedback, oldest first. Ids and times are read as text so both drivers return the same values. */
export async function listFeedback(client: SqlClient, userId: string, filter: FeedbackFilter): Promise<FeedbackRecord[]> {
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 100)), 1_000);
  const conditions = ['user_id = $1'];
  const params: unknown[] = [userId];
  if (filter.threadId !== undefined) {
    params.push(filter.threadId);
    conditions.push(`thread_id = $${params.length}`);
  }
  if (filter.after !== undefined) {
    if (!/^\d+$/.test(filter.after)) return [];
    params.push(filter.after);
    conditions.push(`id > $${params.length}::bigint`);
  }
  params.push(limit);
  const { rows } = await client.query<FeedbackRow>(
    `SELECT ${COLUMNS} FROM chatwire_feedback WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
    params,
  );
  return rows.map(decodeFeedback);
}

function decodeFeedback(row: FeedbackRow): FeedbackRecord {
  const { id, thread_id, item_id, kind, created_at } = row;
  const parsedKind = FeedbackKind.safeParse(kind);
  if (
    typeof id !== 'string' ||
    typeof thread_id !== 'string' ||
    typeof item_id !== 'string' ||
    typeof created_at !== 'string' ||
    !parsedKind.success
  ) {
    throw new StoredDataError('feedback', `unexpected row ${JSON.stringify(row)}`);
  }
  return { id, thread_id, item_id, kind: parsedKind.data, created_at };
}
