import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store.js';
import { describeAttachments } from './store-conformance/attachments.js';
import { uniqueId, type Harness } from './store-conformance/harness.js';
import { describeCopies, describeIds } from './store-conformance/ids-and-copies.js';
import { describeIsolation } from './store-conformance/isolation.js';
import { describeItems } from './store-conformance/items.js';
import { describeThreads } from './store-conformance/threads.js';

/** A store as the conformance suite sees it. */
export interface StoreUnderTest<TContext> {
  store: Store<TContext>;
  /**
   * The request context of the user `userId`. The suite makes up a fresh user id for every
   * test, so a store shared by the whole suite (a database) needs no emptying between tests.
   */
  contextFor(userId: string): TContext;
  /** Runs after each test, for example to close a connection the factory opened. */
  cleanup?(): Promise<void>;
  /** Set when the store overrides the id generators: ids are then checked for uniqueness only. */
  customIds?: boolean;
}

export type StoreFactory<TContext> = () => Promise<StoreUnderTest<TContext>> | StoreUnderTest<TContext>;

/**
 * Registers the `Store` contract as vitest tests. `makeStore` runs before every test; it may
 * return a new store each time or the same shared one, since tests use unique ids throughout.
 *
 * ```ts
 * runStoreConformance('MemoryStore', () => ({
 *   store: new MemoryStore<{ userId: string }>(),
 *   contextFor: (userId) => ({ userId }),
 * }));
 * ```
 */
export function runStoreConformance<TContext>(name: string, makeStore: StoreFactory<TContext>): void {
  describe(`${name} conforms to the Store contract`, () => {
    let current: StoreUnderTest<TContext> | undefined;

    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      const finished = current;
      current = undefined;
      await finished?.cleanup?.();
    });

    const running = (): StoreUnderTest<TContext> => {
      if (!current) throw new Error('The store is only available inside a test');
      return current;
    };
    const harness: Harness<TContext> = {
      get store() {
        return running().store;
      },
      newUser: () => running().contextFor(uniqueId('user')),
      get customIds() {
        return running().customIds ?? false;
      },
    };

    describeThreads(harness);
    describeItems(harness);
    describeAttachments(harness);
    describeIds(harness);
    describeCopies(harness);
    describeIsolation(harness);
  });
}
