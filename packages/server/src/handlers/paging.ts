/** The reference's page size when a client sends no `limit` (or 0). */
export const DEFAULT_PAGE_SIZE = 20;
/** Larger requests are answered in pages of this size; `has_more` tells the client to go on. */
export const MAX_PAGE_SIZE = 100;

export function pageSize(limit: number | undefined): number {
  if (!limit) return DEFAULT_PAGE_SIZE;
  return Math.min(limit, MAX_PAGE_SIZE);
}
