import type { Page, SortOrder } from '@chatwire/protocol';

/**
 * Where an entry sorts: its `created_at`, then the order it arrived in. The key is fixed when
 * the entry is inserted, so replacing a value never moves it and the array stays sorted.
 */
interface Entry<T> {
  readonly id: string;
  readonly time: number;
  readonly seq: number;
  value: T;
}

/**
 * Values kept in `created_at` order (ties in insertion order) with keyset pagination by id.
 * An id map plus binary search makes lookups and page starts O(log n); inserting in
 * increasing `created_at` order, the common case, is an O(1) amortized push.
 */
export class OrderedCollection<T> {
  readonly #entries: Entry<T>[] = [];
  readonly #byId = new Map<string, Entry<T>>();
  #nextSeq = 0;

  get(id: string): T | undefined {
    return this.#byId.get(id)?.value;
  }

  /** Replaces the value in place when `id` is present (its position is kept), otherwise inserts it in order. */
  set(id: string, createdAt: string, value: T): void {
    const existing = this.#byId.get(id);
    if (existing) {
      existing.value = value;
      return;
    }
    const entry: Entry<T> = { id, time: sortTime(createdAt), seq: this.#nextSeq++, value };
    this.#byId.set(id, entry);
    const last = this.#entries.at(-1);
    if (!last || compareEntries(last, entry) < 0) {
      this.#entries.push(entry);
    } else {
      this.#entries.splice(this.#lowerBound(entry), 0, entry);
    }
  }

  delete(id: string): void {
    const entry = this.#byId.get(id);
    if (!entry) return;
    this.#byId.delete(id);
    this.#entries.splice(this.#lowerBound(entry), 1);
  }

  /**
   * The values strictly after `after` in `order`, at most `limit` of them. An unknown `after`
   * gives an empty page: the cursor's row is gone, and restarting would repeat rows.
   */
  page(after: string | undefined, limit: number, order: SortOrder): Page<T> {
    const total = this.#entries.length;
    let rank = 0;
    if (after !== undefined) {
      const entry = this.#byId.get(after);
      if (!entry) return { data: [], has_more: false };
      const index = this.#lowerBound(entry);
      rank = (order === 'asc' ? index : total - 1 - index) + 1;
    }
    const end = Math.min(total, rank + Math.max(0, limit));
    const page: Entry<T>[] = [];
    for (let r = rank; r < end; r++) {
      const entry = this.#entries[order === 'asc' ? r : total - 1 - r];
      if (entry) page.push(entry);
    }
    const last = page.at(-1);
    const hasMore = end < total;
    const data = page.map((entry) => entry.value);
    return hasMore && last ? { data, has_more: true, after: last.id } : { data, has_more: hasMore };
  }

  /** The index of the first entry not before `target`; for a stored entry, its own index. */
  #lowerBound(target: Entry<T>): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.#entries[mid];
      if (entry && compareEntries(entry, target) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function compareEntries(a: Entry<unknown>, b: Entry<unknown>): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * Parsed rather than string-compared, since equal instants arrive in different ISO forms
 * (`Z`, `+00:00`, with or without fractions). Unparseable timestamps sort last instead of
 * poisoning the binary search with NaN.
 */
function sortTime(createdAt: string): number {
  const time = Date.parse(createdAt);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}
