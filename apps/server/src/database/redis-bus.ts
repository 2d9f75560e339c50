import type { Logger } from '@chatwire/server';
import { RedisEventBus } from '@chatwire/server/redis';
import { Redis } from 'ioredis';

/** The event bus on Redis (`CHATWIRE_REDIS_URL`), with the connection it owns. */
export interface AppRedisBus {
  bus: RedisEventBus;
  /** Resolves once Redis has answered (the app reports ready only then). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One client for the bus's plain commands (it opens its own for blocking reads and for stops).
 * Commands fail at once while Redis is away rather than queueing: a reply then runs unrecorded
 * (it cannot be resumed elsewhere) instead of waiting. ioredis reconnects by itself.
 */
export function openRedisBus(url: string, logger: Logger): AppRedisBus {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let reported = false;
  client.on('error', (error: Error) => {
    // Once per outage: ioredis retries every few hundred milliseconds.
    if (reported) return;
    reported = true;
    logger.warn('Redis (CHATWIRE_REDIS_URL) is not reachable; retrying', { error: error.message });
  });
  client.on('ready', () => (reported = false));
  const connected = client.connect();
  connected.catch(() => {});
  return {
    bus: new RedisEventBus(client),
    async ready() {
      if (client.status === 'ready') return;
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    },
    async close() {
      await this.bus.close();
      client.disconnect();
    },
  };
}
