import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { EventBus } from '../bus/event-bus.js';

/** Two handles on one bus, as two instances of an app see it (the same object for a bus of one process). */
export interface EventBusUnderTest {
  a: EventBus;
  b: EventBus;
  /** Runs after each test (closing connections the factory opened). */
  cleanup?(): Promise<void>;
}

export type EventBusFactory = () => EventBusUnderTest | Promise<EventBusUnderTest>;

const LEASE_MS = 60_000;

/**
 * The behaviour every `EventBus` must have, as a vitest suite: `runEventBusConformance('postgres', makeBus)`.
 * Runs and threads get fresh ids in every test, so a bus shared by the suite needs no emptying.
 */
export function runEventBusConformance(name: string, makeBus: EventBusFactory): void {
  describe(`EventBus conformance: ${name}`, () => {
    let h: EventBusUnderTest;
    beforeEach(async () => {
      h = await makeBus();
    });
    afterEach(async () => {
      await h.cleanup?.();
    });

    it('a reader gets every event of the running reply, earlier and later ones, in order and once, and ends with the run', async () => {
      const { threadId, runId } = ids();
      await h.a.start({ threadId, runId, owner: 'owner-a' }, LEASE_MS);
      await h.a.append(runId, 0, [ev('e0'), ev('e1')]);
      const reading = follow(h.b.read(threadId, 0));
      await reading.first;
      await h.a.append(runId, 2, [ev('e2')]);
      await h.a.append(runId, 3, [ev('e3'), ev('e4')]);
      await h.a.finish(runId, 'completed');
      expect(await reading.all).toEqual([ev('e0'), ev('e1'), ev('e2'), ev('e3'), ev('e4')]);
    });

    it('a reader resuming after the first n events gets the rest and nothing it already has', async () => {
      const { threadId, runId } = ids();
      await h.a.start({ threadId, runId, owner: 'owner-a' }, LEASE_MS);
      await h.a.append(runId, 0, [ev('e0'), ev('e1'), ev('e2')]);
      const reading = follow(h.b.read(threadId, 2));
      await reading.first;
      await h.a.append(runId, 3, [ev('e3')]);
      await h.a.finish(runId, 'completed');
      expect(await reading.all).toEqual([ev('e2'), ev('e3')]);
    });

    it('with no running reply, or once it finished, reading ends at once with nothing', async () => {
      const { threadId, runId } = ids();
      expect(await collect(h.b.read(threadId, 0))).toEqual([]);
      await h.a.start({ threadId, runId, owner: 'owner-a' }, LEASE_MS);
      await h.a.append(runId, 0, [ev('e0')]);
      await h.a.finish(runId, 'stopped');
      expect(await collect(h.b.read(threadId, 0))).toEqual([]);
    });

    it('replies of other threads never show up in a reader', async () => {
      const one = ids();
      const two = ids();
      await h.a.start({ ...one, owner: 'owner-a' }, LEASE_MS);
      await h.a.start({ ...two, owner: 'owner-a' }, LEASE_MS);
      await h.a.append(two.runId, 0, [ev('other')]);
      await h.a.append(one.runId, 0, [ev('mine')]);
      const reading = follow(h.b.read(one.threadId, 0));
      await reading.first;
      await h.a.append(two.runId, 1, [ev('other again')]);
      await h.a.append(one.runId, 1, [ev('mine again')]);
      await h.a.finish(two.runId, 'completed');
      await h.a.finish(one.runId, 'completed');
      expect(await reading.all).toEqual([ev('mine'), ev('mine again')]);
    });

    it('a reader whose signal aborts stops reading while the reply goes on', async () => {
      const { threadId, runId } = ids();
      await h.a.start({ threadId, runId, owner: 'owner-a' }, LEASE_MS);
      const abort = new AbortController();
      const seen: ThreadStreamEvent[] = [];
      const reading = (async () => {
        for await (const event of h.b.read(threadId, 0, abort.signal)) {
          seen.push(event);
          abort.abort();
        }
      })();
      await h.a.append(runId, 0, [ev('e0')]);
      await reading;
      expect(seen).toEqual([ev('e0')]);
      await h.a.finish(runId, 'completed');
    });

    it('a stop asked through one instance reaches the owner of the run on the other; with nothing running it says so', async () => {
      const { threadId, runId } = ids();
      const owner = `owner-${runId}`;
      const stops: string[] = [];
      let heard!: () => void;
      const stopped = new Promise<void>((resolve) => (heard = resolve));
      const unlisten = await h.a.listen(owner, (id) => {
        stops.push(id);
        heard();
      });
      try {
        expect(await h.b.requestStop(threadId)).toBe(false);
        await h.a.start({ threadId, runId, owner }, LEASE_MS);
        expect(await h.b.requestStop(threadId)).toBe(true);
        await stopped;
        expect(stops).toEqual([runId]);
        await h.a.finish(runId, 'stopped');
        expect(await h.b.requestStop(threadId)).toBe(false);
      } finally {
        await unlisten();
      }
    });

    it('a run whose lease ran out is taken over by exactly one instance, with its log and its recovery data; a renewed one is not', async () => {
      const dead = ids();
      const alive = ids();
      await h.a.start({ ...dead, owner: 'owner-dead', recovery: 'user-1' }, 300);
      await h.a.start({ ...alive, owner: 'owner-alive' }, 300);
      await h.a.append(dead.runId, 0, [ev('e0'), ev('e1')]);
      await sleep(150);
      await h.a.renew([alive.runId], LEASE_MS);
      await sleep(400);
      const [first, second] = await Promise.all([h.b.reap('owner-b', LEASE_MS), h.a.reap('owner-a', LEASE_MS)]);
      const taken = [...first, ...second].filter((run) => run.claim.runId === dead.runId || run.claim.runId === alive.runId);
      expect(taken).toEqual([
        { claim: { ...dead, owner: expect.stringMatching(/^owner-[ab]$/), recovery: 'user-1' }, events: [ev('e0'), ev('e1')] },
      ]);
      // Taken over, the run is leased again: nobody takes it a second time.
      const again = [...(await h.b.reap('owner-b', LEASE_MS)), ...(await h.a.reap('owner-a', LEASE_MS))];
      expect(again.filter((run) => run.claim.runId === dead.runId)).toEqual([]);
      await h.b.finish(dead.runId, 'failed');
      await h.a.finish(alive.runId, 'completed');
      expect(await collect(h.b.read(dead.threadId, 0))).toEqual([]);
    });
  });
}

/** A small event of its own for each name, so a test sees which events came. */
function ev(name: string): ThreadStreamEvent {
  return { type: 'progress_update', text: name };
}

let counter = 0;
function ids(): { threadId: string; runId: string } {
  counter += 1;
  const unique = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}_${counter}`;
  return { threadId: `thr_${unique}`, runId: `run_${unique}` };
}

/** Reads in the background: `first` resolves once the reader has its first event (so it is surely reading). */
function follow(events: AsyncIterable<ThreadStreamEvent>): { first: Promise<void>; all: Promise<ThreadStreamEvent[]> } {
  let seen!: () => void;
  const first = new Promise<void>((resolve) => (seen = resolve));
  const all = (async () => {
    const got: ThreadStreamEvent[] = [];
    for await (const event of events) {
      got.push(event);
      seen();
    }
    seen();
    return got;
  })();
  return { first, all };
}

async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const seen: ThreadStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
