import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { redisAnswers, TEST_REDIS_URL as REDIS_URL } from '@chatwire/test-support/redis';
import { runEventBusConformance } from '../../testing/event-bus-conformance.js';
import { RedisEventBus } from './redis-event-bus.js';

const available = await redisAnswers(REDIS_URL);
if (!available) console.warn(`SKIPPED: RedisEventBus tests: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL)`);

describe.skipIf(!available)('RedisEventBus', () => {
  // Two instances: each its own client and connections, one key prefix per test so runs never meet.
  runEventBusConformance('RedisEventBus', () => {
    const prefix = `chatwire-test:${crypto.randomUUID()}:`;
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)] as const;
    const [a, b] = clients.map((client) => new RedisEventBus(client, { prefix }));
    return {
      a: a!,
      b: b!,
      async cleanup() {
        await a!.close();
        await b!.close();
        const keys = await clients[0].keys(`${prefix}*`);
        if (keys.length > 0) await clients[0].del(...keys);
        for (const client of clients) client.disconnect();
      },
    };
  });
});
