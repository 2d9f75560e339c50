import { Redis } from 'ioredis';
import type { AppConfig } from '../config.js';
import { CHECK_TIMEOUT_MS, describeNetworkError, fail, ok, type CheckResult } from './check-result.js';

const NAME = 'event bus';

/** `CHATWIRE_REDIS_URL`: Redis answers `PING`. Unset, the bus is the database's, which the database line covers. */
export async function checkEventBus(config: AppConfig): Promise<CheckResult[]> {
  if (config.redisUrl === undefined) return [];
  const url = new URL(config.redisUrl);
  const host = `${url.hostname}:${url.port || '6379'}`;
  const client = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED…) comes here; the command only says the connection closed.
  let socketError: unknown;
  client.on('error', (error: unknown) => (socketError ??= error));
  try {
    await client.connect();
    const answer = await client.ping();
    return [ok(NAME, `Redis at ${host} answers (${answer})`)];
  } catch (error) {
    return [
      fail(
        NAME,
        `CHATWIRE_REDIS_URL: ${describeNetworkError(socketError ?? error, host)}.`,
        'start Redis there, or correct CHATWIRE_REDIS_URL (unset, the bus runs on the database).',
      ),
    ];
  } finally {
    client.disconnect();
  }
}
