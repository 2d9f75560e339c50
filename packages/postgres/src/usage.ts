import type { SqlClient } from './sql-client.js';

/** What one reply cost, as `PostgresStore.recordUsage` stores it. */
export interface UsageRecord {
  threadId: string;
  /** The model name. */
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Some counts were estimated (the reply was stopped before the model reported). */
  estimated?: boolean;
}

/** One user's usage on one UTC day. */
export interface DailyUsage {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  /** Some of the day's counts are estimates. */
  estimated: boolean;
}

/** One user's usage over a window, for the operator's report. */
export interface UserUsage {
  user_id: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export async function insertUsage(client: SqlClient, userId: string, record: UsageRecord): Promise<void> {
  await client.query(
    `INSERT INTO chatwire_usage (user_id, thread_id, model, requests, input_tokens, output_tokens, estimated)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      userId,
      record.threadId,
      record.model,
      whole(record.requests),
      whole(record.inputTokens),
      whole(record.outputTokens),
      record.estimated === true,
    ],
  );
}

/** Input plus output tokens since `since` (inclusive). */
export async function tokensSince(client: SqlClient, userId: string, since: Date): Promise<number> {
  const { rows } = await client.query<{ total: unknown }>(
    `SELECT COALESCE(sum(input_tokens + output_tokens), 0)::float8 AS total
     FROM chatwire_usage WHERE user_id = $1 AND created_at >= $2::timestamptz`,
    [userId, since.toISOString()],
  );
  return Number(rows[0]?.total ?? 0);
}

/** A user's usage per UTC day since `since`, oldest first; days without usage are left out. */
export async function dailyUsage(client: SqlClient, userId: string, since: Date): Promise<DailyUsage[]> {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
            sum(requests)::float8 AS requests,
            sum(input_tokens)::float8 AS input_tokens,
            sum(output_tokens)::float8 AS output_tokens,
            bool_or(estimated) AS estimated
     FROM chatwire_usage WHERE user_id = $1 AND created_at >= $2::timestamptz
     GROUP BY 1 ORDER BY 1`,
    [userId, since.toISOString()],
  );
  return rows.map((row) => {
    const input = Number(row.input_tokens);
    const output = Number(row.output_tokens);
    return {
      day: String(row.day),
      requests: Number(row.requests),
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
      estimated: row.estimated === true,
    };
  });
}

/** Every user's usage since `since`, the heaviest first, at most `limit` users. */
export async function usageByUser(client: SqlClient, since: Date, limit: number): Promise<UserUsage[]> {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT user_id, sum(requests)::float8 AS requests, sum(input_tokens)::float8 AS input_tokens,
            sum(output_tokens)::float8 AS output_tokens
     FROM chatwire_usage WHERE created_at >= $1::timestamptz
     GROUP BY user_id ORDER BY sum(input_tokens + output_tokens) DESC, user_id LIMIT $2`,
    [since.toISOString(), Math.min(Math.max(1, Math.floor(limit)), 1000)],
  );
  return rows.map((row) => {
    const input = Number(row.input_tokens);
    const output = Number(row.output_tokens);
    return {
      user_id: String(row.user_id),
      requests: Number(row.requests),
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
    };
  });
}

function whole(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
