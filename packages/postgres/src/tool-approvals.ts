import { z } from 'zod';
import type { SqlClient } from './sql-client.js';

/** A run waiting for the user's approval, as `PostgresStore` keeps it (the shape `@chatwire/agents` asks for). */
export interface StoredToolApproval {
  id: string;
  threadId: string;
  calls: { name: string; arguments: string }[];
  state: string;
  createdAt: string;
}

const Calls = z.array(z.object({ name: z.string(), arguments: z.string() }));
const Row = z.object({
  id: z.string(),
  thread_id: z.string(),
  calls: z.unknown(),
  run_state: z.string(),
  created_at: z.unknown(),
});

export async function insertToolApproval(client: SqlClient, userId: string, approval: StoredToolApproval): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO chatwire_tool_approvals (user_id, thread_id, id, calls, run_state, created_at)
     SELECT $1, $2, $3, $4::jsonb, $5, $6::timestamptz
     WHERE EXISTS (SELECT 1 FROM chatwire_threads WHERE user_id = $1 AND id = $2)
     ON CONFLICT (user_id, thread_id, id) DO UPDATE SET calls = EXCLUDED.calls, run_state = EXCLUDED.run_state`,
    [userId, approval.threadId, approval.id, JSON.stringify(approval.calls), approval.state, approval.createdAt],
  );
  return rowCount;
}

/** Deletes and returns the caller's pending approval: taken once, whoever asks twice. */
export async function takeToolApproval(
  client: SqlClient,
  userId: string,
  threadId: string,
  id: string,
): Promise<StoredToolApproval | null> {
  const { rows } = await client.query(
    `DELETE FROM chatwire_tool_approvals WHERE user_id = $1 AND thread_id = $2 AND id = $3
     RETURNING id, thread_id, calls, run_state, created_at`,
    [userId, threadId, id],
  );
  return rows.length === 0 ? null : decode(rows[0]);
}

/** Deletes and returns every pending approval of the caller's thread, oldest first. */
export async function takeThreadToolApprovals(
  client: SqlClient,
  userId: string,
  threadId: string,
): Promise<StoredToolApproval[]> {
  const { rows } = await client.query(
    `DELETE FROM chatwire_tool_approvals WHERE user_id = $1 AND thread_id = $2
     RETURNING id, thread_id, calls, run_state, created_at`,
    [userId, threadId],
  );
  return rows.map(decode).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function decode(raw: unknown): StoredToolApproval {
  const row = Row.parse(raw);
  const calls = Calls.parse(typeof row.calls === 'string' ? JSON.parse(row.calls) : row.calls);
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at);
  return { id: row.id, threadId: row.thread_id, calls, state: row.run_state, createdAt };
}
