import type { SortOrder } from '@chatwire/protocol';

/** The tables that are paged, and the columns (bound as `$1…`) that scope a page. */
const SCOPES = {
  chatwire_threads: ['user_id'],
  chatwire_items: ['user_id', 'thread_id'],
} as const;

export type PagedTable = keyof typeof SCOPES;

/**
 * A keyset page of `table` ordered by `(created_at, seq)`. Parameters: the scope columns, then
 * the cursor id when `withCursor`, then the row limit. The cursor's own key is looked up by the
 * subquery; an unknown cursor makes the comparison NULL, so the page is empty rather than
 * restarting from the top. Both directions use the same index, scanned forward or backward.
 */
export function pageSql(table: PagedTable, order: SortOrder, withCursor: boolean): string {
  const scope = SCOPES[table].map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  let next = SCOPES[table].length + 1;
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  const cursor = withCursor
    ? ` AND (created_at, seq) ${order === 'asc' ? '>' : '<'} (SELECT created_at, seq FROM ${table} WHERE ${scope} AND id = $${next++})`
    : '';
  return `SELECT id, data FROM ${table} WHERE ${scope}${cursor} ORDER BY created_at ${direction}, seq ${direction} LIMIT $${next}`;
}
