import type { Redis } from 'ioredis';
import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { AbandonedRun, EventBus, RunClaim, RunEnd } from '../../bus/event-bus.js';
import { decodeLoggedEvent, encodeLoggedEvent } from '../../bus/logged-event.js';
import { APPEND, FINISH, REAP, RENEW, REQUEST_STOP, START } from './redis-scripts.js';

export interface RedisEventBusOptions {
  /** Put in front of every key and channel, so several apps can share one Redis. Default `chatwire:`. */
  prefix?: string;
}

/** A reader waits this long per blocking read before it checks that its run still exists. */
const BLOCK_MS = 1_000;
/** How long an ended run's log and record stay, for readers still catching up. */
const KEEP_ENDED_MS = 60_000;

type Entry = [id: string, fields: string[]];

/** The bus's own connections connect at once and hold commands until they have (whatever the given client does). */
const CONNECTION = { lazyConnect: false, enableOfflineQueue: true };

/**
 * The event bus on Redis: each run's log is a Stream (`<prefix>log:<run>`, entry ids `0-<n>` for
 * event n-1, an `end` entry last), a run's lease is a key that expires (`<prefix>lease:<run>`),
 * stops go over pub/sub (`<prefix>stops`). A reader blocks on a connection of its own
 * (`duplicate()` of the given client); stops are heard on one subscriber connection per bus.
 * `@chatwire/server/redis`; `ioredis` is an optional peer dependency.
 */
export class RedisEventBus implements EventBus {
  /** Events of a fast reply go in one append per 25 ms: a few statements a second per reply, not one per delta. */
  readonly appendDelayMs = 25;
  readonly #prefix: string;
  readonly #stopListeners = new Map<string, Set<(runId: string) => void>>();
  readonly #readers = new Set<Redis>();
  #subscriber: Promise<Redis> | undefined;

  constructor(
    private readonly redis: Redis,
    options: RedisEventBusOptions = {},
  ) {
    this.#prefix = options.prefix ?? 'chatwire:';
  }

  async start(claim: RunClaim, leaseMs: number): Promise<void> {
    const { runId } = claim;
    await this.#eval(
      START,
      [this.#key('run', runId), this.#key('lease', runId), this.#threadKey(claim.threadId), this.#running()],
      [runId, claim.threadId, claim.owner, claim.recovery ?? '', claim.recovery === undefined ? '0' : '1', String(leaseMs)],
    );
  }

  async append(runId: string, first: number, events: readonly ThreadStreamEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#eval(APPEND, [this.#key('log', runId)], [String(first), ...events.map(encodeLoggedEvent)]);
  }

  async finish(runId: string, end: RunEnd): Promise<void> {
    const threadId = await this.redis.call('HGET', this.#key('run', runId), 'thread');
    if (typeof threadId !== 'string') return;
    await this.#eval(
      FINISH,
      [this.#key('run', runId), this.#key('lease', runId), this.#threadKey(threadId), this.#running(), this.#key('log', runId)],
      [runId, end, String(KEEP_ENDED_MS)],
    );
  }

  async renew(runIds: readonly string[], leaseMs: number): Promise<void> {
    if (runIds.length === 0) return;
    await this.#eval(
      RENEW,
      runIds.map((id) => this.#key('lease', id)),
      [String(leaseMs)],
    );
  }

  async *read(threadId: string, after: number, signal?: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    const latest = await this.redis.call('ZREVRANGE', this.#threadKey(threadId), '0', '0');
    const runId = Array.isArray(latest) && typeof latest[0] === 'string' ? latest[0] : undefined;
    if (runId === undefined || signal?.aborted) return;
    const log = this.#key('log', runId);
    // Blocking reads hold their connection: one of its own per reader.
    const reader = this.redis.duplicate(CONNECTION);
    this.#readers.add(reader);
    const onAbort = () => reader.disconnect();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let last = `0-${after}`;
      let block = false;
      while (!signal?.aborted) {
        const args = block ? ['BLOCK', String(BLOCK_MS), 'STREAMS', log, last] : ['COUNT', '1000', 'STREAMS', log, last];
        let reply: unknown;
        try {
          reply = await reader.call('XREAD', ...args);
        } catch (error) {
          if (signal?.aborted) return;
          throw error;
        }
        const entries = readEntries(reply);
        for (const [id, fields] of entries) {
          if (fields[0] === 'end') return;
          last = id;
          const event = fields[0] === 'e' && typeof fields[1] === 'string' ? decodeLoggedEvent(fields[1]) : undefined;
          if (event) yield event;
        }
        if (entries.length === 0) {
          if (block && (await this.redis.call('EXISTS', this.#key('run', runId))) === 0) return;
          block = true;
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#readers.delete(reader);
      reader.disconnect();
    }
  }

  async requestStop(threadId: string): Promise<boolean> {
    const stopped = await this.#eval(REQUEST_STOP, [this.#threadKey(threadId)], [this.#prefix, this.#stops()]);
    return typeof stopped === 'number' && stopped > 0;
  }

  async listen(owner: string, onStop: (runId: string) => void): Promise<() => Promise<void>> {
    await this.#subscribe();
    const listeners = this.#stopListeners.get(owner) ?? new Set();
    this.#stopListeners.set(owner, listeners);
    listeners.add(onStop);
    return async () => {
      listeners.delete(onStop);
      if (listeners.size === 0) this.#stopListeners.delete(owner);
    };
  }

  async reap(owner: string, leaseMs: number): Promise<AbandonedRun[]> {
    const ids = await this.#eval(REAP, [this.#running()], [this.#prefix, owner, String(leaseMs)]);
    const taken: AbandonedRun[] = [];
    for (const runId of Array.isArray(ids) ? ids : []) {
      if (typeof runId !== 'string') continue;
      const fields = await this.redis.call('HGETALL', this.#key('run', runId));
      const run = toRecord(fields);
      if (run.thread === undefined) continue;
      const claim: RunClaim = { threadId: run.thread, runId, owner };
      if (run.has_recovery === '1' && run.recovery !== undefined) claim.recovery = run.recovery;
      const entries = rangeEntries(await this.redis.call('XRANGE', this.#key('log', runId), '-', '+'));
      const events = entries.flatMap(([, f]) => {
        const event = f[0] === 'e' && typeof f[1] === 'string' ? decodeLoggedEvent(f[1]) : undefined;
        return event ? [event] : [];
      });
      taken.push({ claim, events });
    }
    return taken;
  }

  /** Closes the connections the bus opened (readers, the subscriber); the client it was given stays open. */
  async close(): Promise<void> {
    for (const reader of this.#readers) reader.disconnect();
    this.#readers.clear();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (subscriber) (await subscriber.catch(() => undefined))?.disconnect();
  }

  #subscribe(): Promise<Redis> {
    this.#subscriber ??= (async () => {
      const subscriber = this.redis.duplicate(CONNECTION);
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.#stops()) return;
        const [owner, runId] = message.split(' ');
        if (owner === undefined || runId === undefined) return;
        for (const listener of this.#stopListeners.get(owner) ?? []) listener(runId);
      });
      try {
        await subscriber.subscribe(this.#stops());
      } catch (error) {
        this.#subscriber = undefined;
        subscriber.disconnect();
        throw error;
      }
      return subscriber;
    })();
    return this.#subscriber;
  }

  #eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    return this.redis.call('EVAL', script, String(keys.length), ...keys, ...args);
  }

  #key(kind: 'run' | 'lease' | 'log', runId: string): string {
    return `${this.#prefix}${kind}:${runId}`;
  }

  #threadKey(threadId: string): string {
    return `${this.#prefix}thread:${threadId}:runs`;
  }

  #running(): string {
    return `${this.#prefix}running`;
  }

  #stops(): string {
    return `${this.#prefix}stops`;
  }
}

/**
 * The entries of an `XREAD` answer for one stream: `[key, entries]` over RESP3 (ioredis 6's
 * default, maps as flat arrays), `[[key, entries]]` over RESP2; null when the block timed out.
 */
function readEntries(reply: unknown): Entry[] {
  if (!Array.isArray(reply)) return [];
  const head: unknown = reply[0];
  if (typeof head === 'string') return rangeEntries(reply[1]);
  return Array.isArray(head) ? rangeEntries(head[1]) : [];
}

/** The entries of an `XRANGE` answer, checked piece by piece. */
function rangeEntries(items: unknown): Entry[] {
  if (!Array.isArray(items)) return [];
  const entries: Entry[] = [];
  for (const item of items) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) continue;
    const fields: unknown[] = item[1];
    entries.push([item[0], fields.filter((f): f is string => typeof f === 'string')]);
  }
  return entries;
}

/** An `HGETALL` answer (a flat RESP2 array) as a record. */
function toRecord(reply: unknown): Record<string, string | undefined> {
  const record: Record<string, string | undefined> = {};
  if (!Array.isArray(reply)) return record;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const [key, value]: unknown[] = [reply[i], reply[i + 1]];
    if (typeof key === 'string' && typeof value === 'string') record[key] = value;
  }
  return record;
}
