import { randomUUID } from 'node:crypto';
import { collectEvents } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers, TEST_REDIS_URL as REDIS_URL } from '@chatwire/test-support/redis';
import { createPgClient, type PgClient } from '@chatwire/postgres/pg';
import {
  assembledText,
  messages,
  ReplyReader,
  SCRIPT,
  SCRIPT_DELAY_MS,
  startTwoInstances,
  textInput,
  type TwoInstances,
} from './test-support/two-instances.js';

/**
 * Two built apps on one database, as behind a load balancer: a reply started on A is stopped
 * through B, resumed on B after its client left A, and closed by B when A is killed.
 */

const DATABASE_URL = process.env.TEST_DATABASE_URL;
const LEASE_MS = 2_000;
const RENEW_MS = LEASE_MS / 5;

function describeAcrossInstances(name: string, busEnv: () => Record<string, string>): void {
  describe(name, () => {
    let admin: PgClient;
    let databaseUrl: string;
    const database = `chatwire_runs_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    let apps: TwoInstances;

    beforeAll(async () => {
      admin = createPgClient({ connectionString: DATABASE_URL!, max: 1 });
      await admin.query(`CREATE DATABASE ${database}`);
      const url = new URL(DATABASE_URL!);
      url.pathname = `/${database}`;
      databaseUrl = url.toString();
      apps = await startTwoInstances({
        DATABASE_URL: databaseUrl,
        CHATWIRE_ON_DISCONNECT: 'continue',
        CHATWIRE_RUN_LEASE_MS: String(LEASE_MS),
        ...busEnv(),
      });
    }, 300_000);

    afterAll(async () => {
      await apps?.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.close();
    });

    function startReply(onA = true) {
      apps.mock.reply({ text: SCRIPT, eventDelayMs: SCRIPT_DELAY_MS });
      const abort = new AbortController();
      const app = onA ? apps.a : apps.b;
      return fetch(`${app.base}/chatkit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apps.token}` },
        body: JSON.stringify({ type: 'threads.create', params: { input: textInput('Tell me a long story') } }),
        signal: abort.signal,
      }).then((response) => ({ reader: new ReplyReader(response, abort.signal), abort }));
    }

    it('a reply started on A is stopped through B within 500 ms, and the thread keeps the text its client saw', async () => {
      const { reader } = await startReply();
      await reader.untilDeltas(5);
      const asked = performance.now();
      const stop = await apps.b.chatkit({ type: 'chatwire.threads.stop', params: { thread_id: reader.threadId } }, apps.token);
      expect({ status: stop.status, body: await stop.text() }).toEqual({ status: 200, body: '{}' });
      await reader.done;
      const took = reader.endedAt! - asked;
      console.info(`stop through B ended the stream on A after ${took.toFixed(0)} ms`);
      expect(took).toBeLessThan(500);
      expect(reader.deltas()).toBeLessThan(SCRIPT.length);
      // What the server kept is exactly what the client on A assembled.
      expect(await messages(apps.b, apps.token, reader.threadId)).toEqual([
        ['user_message', 'Tell me a long story'],
        ['assistant_message', reader.text()],
      ]);
    }, 60_000);

    it('a client that leaves A mid-reply resumes on B from the count it has, and assembles exactly the model script', async () => {
      const { reader, abort } = await startReply();
      await reader.untilDeltas(5);
      abort.abort();
      await reader.done;
      const had = reader.replyEvents;
      const before = reader.events.slice(reader.events.findIndex((e) => e.type === 'stream_options'));
      expect(before).toHaveLength(had);
      const resumed = await apps.b.chatkit(
        { type: 'chatwire.threads.resume', params: { thread_id: reader.threadId, after_event: had } },
        apps.token,
      );
      expect(resumed.status).toBe(200);
      const rest = await collectEvents(resumed);
      expect(assembledText([...before, ...rest])).toBe(SCRIPT.join(''));
      expect(rest.findLast((e) => e.type === 'thread.item.done')).toMatchObject({ item: { type: 'assistant_message' } });
      expect(await messages(apps.b, apps.token, reader.threadId)).toEqual([
        ['user_message', 'Tell me a long story'],
        ['assistant_message', SCRIPT.join('')],
      ]);
    }, 60_000);

    it('A killed mid-reply: B marks the run failed within the lease, keeping its partial reply, and the thread takes a new message', async () => {
      const { reader } = await startReply();
      await reader.untilDeltas(5);
      const seen = reader.text();
      // Its connection dies with A.
      reader.done.catch(() => {});
      await apps.a.stop('SIGKILL');
      const killed = performance.now();
      // B's resume of the dead run ends once B has closed it.
      const resumed = await apps.b.chatkit(
        { type: 'chatwire.threads.resume', params: { thread_id: reader.threadId, after_event: 0 } },
        apps.token,
      );
      await collectEvents(resumed);
      const took = performance.now() - killed;
      console.info(
        `B closed the run of the killed A after ${took.toFixed(0)} ms (lease ${LEASE_MS} ms, renewed every ${RENEW_MS} ms)`,
      );
      // Closed within the lease of A's last renewal; the margin is B's own work and this request's.
      expect(took).toBeLessThan(LEASE_MS + 500);
      const kept = await messages(apps.b, apps.token, reader.threadId);
      expect(kept[0]).toEqual(['user_message', 'Tell me a long story']);
      expect(kept[1]?.[0]).toBe('assistant_message');
      // What the log had when A died: events wait up to 25 ms to be appended, so a word the client
      // already had may be missing, or one it had not got yet may be there; never anything else.
      const partial = kept[1]![1];
      expect(partial.length).toBeGreaterThan(0);
      expect(seen.startsWith(partial) || partial.startsWith(seen)).toBe(true);
      expect(SCRIPT.join('').startsWith(partial)).toBe(true);

      apps.mock.reply({ text: ['Still ', 'here.'] });
      const next = await collectEvents(
        await apps.b.chatkit(
          { type: 'threads.add_user_message', params: { thread_id: reader.threadId, input: textInput('Are you there?') } },
          apps.token,
        ),
      );
      expect(assembledText(next)).toBe('Still here.');
      expect((await messages(apps.b, apps.token, reader.threadId)).slice(-2)).toEqual([
        ['user_message', 'Are you there?'],
        ['assistant_message', 'Still here.'],
      ]);
    }, 60_000);
  });
}

describe.skipIf(!DATABASE_URL)('replies across two app instances (TEST_DATABASE_URL)', () => {
  describeAcrossInstances('on one Postgres, the bus on the database', () => ({}));
});

const redis = await redisAnswers(REDIS_URL);
if (!redis) console.warn(`SKIPPED: replies across instances on Redis: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL)`);

describe.skipIf(!DATABASE_URL || !redis)('replies across two app instances (TEST_DATABASE_URL, TEST_REDIS_URL)', () => {
  describeAcrossInstances('on one Postgres, the bus on Redis (CHATWIRE_REDIS_URL)', () => ({ CHATWIRE_REDIS_URL: REDIS_URL }));
});
