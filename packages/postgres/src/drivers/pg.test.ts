import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { ServiceUnavailableError, silentLogger, toErrorResponse, type Logger } from '@chatwire/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPgClient, type PgClient, type PgClientOptions } from './pg.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL;
const clients: PgClient[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function client(options: PgClientOptions): PgClient {
  const created = createPgClient({ logger: silentLogger, ...options });
  clients.push(created);
  return created;
}

/** A port on 127.0.0.1 that nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay in front of the real server, so a test can take the database away and bring it back. */
async function relay(target: URL, port = 0): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((incoming) => {
    const outgoing = connect(Number(target.port || 5432), target.hostname);
    const drop = () => {
      incoming.destroy();
      outgoing.destroy();
    };
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('error', drop).on('close', drop);
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  servers.push(server);
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      servers.splice(servers.indexOf(server), 1);
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function capturingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (message) => void warnings.push(message) };
}

describe('createPgClient when nothing listens at the address', () => {
  it('queries, transactions and warm-up fail with ServiceUnavailableError, answered as 503 with Retry-After', async () => {
    const unreachable = client({
      connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
      retryAfterSeconds: 7,
    });
    const failures = [
      await unreachable.query('SELECT 1').catch((error: unknown) => error),
      await unreachable.transaction(async (tx) => tx.query('SELECT 1')).catch((error: unknown) => error),
      await unreachable.warm(2).catch((error: unknown) => error),
    ];
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ServiceUnavailableError);
      const response = toErrorResponse(failure, silentLogger);
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('7');
      expect(await response.json()).toEqual({
        error: { code: 'unavailable', message: 'The database is unavailable; try again shortly' },
      });
    }
  });
});

describe.skipIf(!DATABASE_URL)('createPgClient on real Postgres (TEST_DATABASE_URL)', () => {
  const url = new URL(DATABASE_URL ?? 'postgres://unused');
  const through = (port: number) => Object.assign(new URL(url.href), { hostname: '127.0.0.1', port: String(port) }).href;

  it('warm(n) opens n connections up front', async () => {
    const db = client({ connectionString: url.href, max: 5 });
    await db.warm(3);
    expect(db.pool.totalCount).toBe(3);
  });

  it('a statement running past the query timeout fails with ServiceUnavailableError naming it, and the client keeps working', async () => {
    const db = client({ connectionString: url.href, queryTimeoutMs: 200, max: 1 });
    const failure = await db.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect(failure).toMatchObject({ message: 'The database did not answer within 200 ms' });
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a connection the server terminates (admin shutdown) fails as ServiceUnavailableError, and the next query gets a new one', async () => {
    const db = client({ connectionString: url.href, max: 1 });
    const admin = client({ connectionString: url.href, max: 1 });
    const failure = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const [, slept] = await Promise.allSettled([
          admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]),
          tx.query('SELECT pg_sleep(5)'),
        ]);
        if (slept.status === 'rejected') throw slept.reason;
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('while the database is gone queries answer 503, and the same client recovers when it is back', async () => {
    const first = await relay(url);
    const logger = capturingLogger();
    const db = client({ connectionString: through(first.port), logger, connectTimeoutMs: 2_000 });
    await db.warm(2);

    await first.stop();
    // The pool drops its idle connections as they die, with a warning instead of a crash.
    await vi.waitFor(() => expect(db.pool.totalCount).toBe(0));
    expect(logger.warnings.length).toBeGreaterThan(0);
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(db.transaction(async (tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(ServiceUnavailableError);

    await relay(url, first.port);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await db.transaction(async (tx) => (await tx.query('SELECT 2 AS two')).rows)).toEqual([{ two: 2 }]);
  });

  it('exec runs a script of several statements', async () => {
    const db = client({ connectionString: url.href, max: 1 });
    await db.exec('CREATE TEMP TABLE exec_script (n int); INSERT INTO exec_script VALUES (1), (2); ANALYZE exec_script');
    expect((await db.query('SELECT count(*)::int AS n FROM exec_script')).rows).toEqual([{ n: 2 }]);
  });

  it('statements run on the pool given to it, which close() leaves open', async () => {
    const owner = client({ connectionString: url.href, max: 1 });
    const borrower = createPgClient({ pool: owner.pool });
    expect((await borrower.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
    await borrower.close();
    expect((await owner.query('SELECT 4 AS four')).rows).toEqual([{ four: 4 }]);
  });
});
