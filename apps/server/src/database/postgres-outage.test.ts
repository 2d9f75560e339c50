import type { ThreadStreamEvent } from '@chatwire/protocol';
import { collectEvents, parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { echoResponder } from '../test-support/echo-responder.js';
import { createInProcessApp, eventReader, textInput, type InProcessApp } from '../test-support/in-process-app.js';
import { createThrowawayPostgres, findPostgresBinaries, type ThrowawayPostgres } from '../test-support/throwaway-postgres.js';

/**
 * The app on DATABASE_URL against a Postgres server of its own (initdb + pg_ctl on a temporary
 * directory and port), which the tests stop and start under it: one app process throughout.
 */

const bin = findPostgresBinaries();
if (!bin) console.warn('SKIPPED: no initdb/pg_ctl under /usr/lib/postgresql/*/bin, so the Postgres outage tests did not run');

/** The driver's `Retry-After` while the database is unreachable. */
const DRIVER_RETRY_AFTER = '5';

describe.skipIf(!bin)('the app on a Postgres server that goes away and comes back', () => {
  let pg: ThrowawayPostgres;
  let running: InProcessApp;
  let token: string;
  let threadId: string;

  beforeAll(async () => {
    pg = await createThrowawayPostgres(bin!);
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await pg?.destroy();
  });

  const threadsList = () => running.chatkit({ type: 'threads.list', params: {} }, token);
  const readyz = async () => {
    const response = await running.get('/readyz');
    return { status: response.status, body: (await response.json()) as unknown };
  };

  async function expectUnavailable(response: Response, retryAfter: string, message: string): Promise<void> {
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(parseErrorResponse(await response.text())).toEqual({ error: { code: 'unavailable', message } });
  }

  it('started before its database is up, the app answers 503 until the database is up and migrated, then serves', async () => {
    // The echo responder, with a pause per word so each delta is its own chunk and the reply advances only as it is read.
    running = await createInProcessApp(
      { DATABASE_URL: pg.url },
      { responder: (store) => echoResponder(store, { wordDelayMs: 10 }) },
    );
    token = await running.login('outage-user');

    expect(await readyz()).toEqual({ status: 503, body: { status: 'starting' } });
    await expectUnavailable(await threadsList(), '1', 'The server is starting; try again shortly');

    await pg.start();
    await running.app.ready();
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    const events = await collectEvents(
      await running.chatkit({ type: 'threads.create', params: { input: textInput('before the outage') } }, token),
    );
    const created = events[0];
    if (created?.type !== 'thread.created') throw new Error('expected thread.created first');
    threadId = created.thread.id;
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { type: 'assistant_message' } });
  }, 60_000);

  it('while the server is stopped, JSON and streaming requests answer 503 with Retry-After and /readyz says unavailable; once it is back the same app recovers', async () => {
    await pg.stop();

    const unreachable = 'The database is unavailable; try again shortly';
    await expectUnavailable(await threadsList(), DRIVER_RETRY_AFTER, unreachable);
    // Streaming requests fail in their checks and writes before the stream opens: JSON, not a broken stream.
    await expectUnavailable(
      await running.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('lost?') } },
        token,
      ),
      DRIVER_RETRY_AFTER,
      unreachable,
    );
    await expectUnavailable(
      await running.chatkit({ type: 'threads.create', params: { input: textInput('new thread?') } }, token),
      DRIVER_RETRY_AFTER,
      unreachable,
    );
    await vi.waitFor(
      async () => expect(await readyz()).toEqual({ status: 503, body: { status: 'unavailable', message: unreachable } }),
      {
        timeout: 10_000,
        interval: 200,
      },
    );

    await pg.start();
    const list = await threadsList();
    expect(list.status).toBe(200);
    expect(parseJsonResponse('threads.list', await list.text()).data.map((thread) => thread.id)).toEqual([threadId]);
    await vi.waitFor(async () => expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } }), {
      timeout: 10_000,
      interval: 200,
    });

    // The message refused during the outage was not half-written: the thread is as it was.
    const thread = parseJsonResponse(
      'threads.get_by_id',
      await (await running.chatkit({ type: 'threads.get_by_id', params: { thread_id: threadId } }, token)).text(),
    );
    expect(thread.items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  }, 60_000);

  it('a database lost in the middle of a reply ends the stream with an error event; the reply is not saved, and the thread takes new messages once it is back', async () => {
    const reply = eventReader(
      await running.chatkit(
        {
          type: 'threads.add_user_message',
          params: { thread_id: threadId, input: textInput('one two three four five six seven eight nine ten') },
        },
        token,
      ),
    );
    let event: ThreadStreamEvent | undefined;
    do event = await reply.next();
    while (event && !(event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'));
    expect(event).toBeDefined();

    await pg.stop();
    const rest = await reply.rest();
    expect(rest.at(-1)).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(rest.some((e) => e.type === 'thread.item.done')).toBe(false);

    await pg.start();
    const before = parseJsonResponse(
      'threads.get_by_id',
      await (await running.chatkit({ type: 'threads.get_by_id', params: { thread_id: threadId } }, token)).text(),
    );
    // The user message was saved before the stream opened; the reply never completed, so it is absent.
    expect(before.items.data.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'user_message']);

    const next = await collectEvents(
      await running.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('after it') } },
        token,
      ),
    );
    expect(next.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ type: 'output_text', text: 'after it' }] },
    });
  }, 60_000);
});
