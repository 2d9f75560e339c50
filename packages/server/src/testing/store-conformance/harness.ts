import { randomUUID } from 'node:crypto';
import type { Store } from '../../store.js';

/** What each group of conformance tests gets: the store of the running test and fresh users. */
export interface Harness<TContext> {
  readonly store: Store<TContext>;
  /** A context for a user id no other test has used, so its namespace starts empty. */
  newUser(): TContext;
  /** The store overrides the id generators, so only uniqueness is checked, not the default prefixes. */
  readonly customIds: boolean;
}

/** Ids are unique per test because a suite may share one database across all of its tests. */
export function uniqueId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

const BASE_TIME = Date.UTC(2030, 0, 1);

/** A fixed ISO timestamp `seconds` after a base instant, so orderings are deterministic. */
export function time(seconds: number): string {
  return new Date(BASE_TIME + seconds * 1000).toISOString();
}

/** How a call ended, comparable with `toEqual`: the value, or the class of the error thrown. */
export type Outcome = { resolved: unknown } | { rejected: unknown };

export async function outcomeOf(action: Promise<unknown>): Promise<Outcome> {
  try {
    return { resolved: await action };
  } catch (error) {
    return { rejected: error instanceof Error ? error.constructor : error };
  }
}
