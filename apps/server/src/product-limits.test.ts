import { collectEvents, parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { echoResponder } from './test-support/echo-responder.js';
import { APP_START_TIMEOUT_MS, startApp, textInput, type RunningApp } from './test-support/app-harness.js';

/** The app over real HTTP with the limits a product needs: rates, streams, lengths, thread status, budgets. */

const apps: RunningApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(...args: Parameters<typeof startApp>): Promise<RunningApp> {
  const app = await startApp(...args);
  apps.push(app);
  return app;
}

const create = (text: string) => ({ type: 'threads.create', params: { input: textInput(text) } });

describe('per-user limits on /chatkit', () => {
  it(
    'answers a burst past CHATWIRE_RATE_LIMIT with 429 rate_limited and Retry-After, per user',
    async () => {
      const app = await start({ CHATWIRE_RATE_LIMIT: '5' });
      const [alice, bob] = [await app.login('rate-alice'), await app.login('rate-bob')];
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await app.chatkit({ type: 'threads.list', params: {} }, { token: alice })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);

      const refused = await app.chatkit(create('one too many'), { token: alice });
      expect(refused.status).toBe(429);
      // 5 a minute: the next one is allowed 12 s later.
      expect(refused.headers.get('retry-after')).toBe('12');
      expect(parseErrorResponse(await refused.text()).error).toEqual({
        code: 'rate_limited',
        message: 'Too many requests; try again in 12 s',
      });
      // Nothing was created for the refused request.
      const listed = parseJsonResponse(
        'threads.list',
        await (await app.chatkit({ type: 'threads.list', params: {} }, { token: bob })).text(),
      );
      expect(listed.data).toEqual([]);
      expect((await app.chatkit({ type: 'threads.list', params: {} }, { token: bob })).status).toBe(200);
    },
    APP_START_TIMEOUT_MS,
  );

  it(
    'answers a stream past CHATWIRE_MAX_STREAMS_PER_USER with 429 too_many_streams until one finishes',
    async () => {
      const app = await start(
        { CHATWIRE_MAX_STREAMS_PER_USER: '1', CHATWIRE_RATE_LIMIT: '0' },
        { responder: (store) => echoResponder(store, { wordDelayMs: 100 }) },
      );
      const alice = await app.login('streams-alice');
      const first = await app.chatkit(create('a slow reply of several words'), { token: alice });
      expect(first.status).toBe(200);

      const second = await app.chatkit(create('another'), { token: alice });
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('2');
      expect(parseErrorResponse(await second.text()).error.code).toBe('too_many_streams');
      // Another user, and JSON requests, are not held back.
      const bob = await app.login('streams-bob');
      const other = await app.chatkit(create('mine'), { token: bob });
      expect(other.status).toBe(200);
      expect((await app.chatkit({ type: 'threads.list', params: {} }, { token: alice })).status).toBe(200);

      await collectEvents(first);
      await collectEvents(other);
      const third = await app.chatkit(create('now it fits'), { token: alice });
      expect(third.status).toBe(200);
      await collectEvents(third);
    },
    APP_START_TIMEOUT_MS,
  );

  it(
    'refuses a message over CHATWIRE_MAX_MESSAGE_CHARS with 400 message_too_long',
    async () => {
      const app = await start({ CHATWIRE_MAX_MESSAGE_CHARS: '20' }, { responder: (store) => echoResponder(store) });
      const alice = await app.login('length-alice');
      const refused = await app.chatkit(create('x'.repeat(21)), { token: alice });
      expect(refused.status).toBe(400);
      expect(parseErrorResponse(await refused.text()).error).toEqual({
        code: 'message_too_long',
        message: 'params.input: the message is longer than 20 characters',
      });
      const fits = await app.chatkit(create('x'.repeat(20)), { token: alice });
      expect(fits.status).toBe(200);
      await collectEvents(fits);
    },
    APP_START_TIMEOUT_MS,
  );
});

describe('a locked thread over HTTP', () => {
  it(
    'answers new input with 409 thread_locked and the reason, and still reads',
    async () => {
      const app = await start(
        {},
        {
          responder: (store) => ({
            async *respond(thread, input, context, run) {
              yield* echoResponder(store).respond(thread, input, context, run);
              thread.status = { type: 'locked', reason: 'Waiting for a person to review' };
            },
          }),
        },
      );
      const alice = await app.login('locked-alice');
      const events = await collectEvents(await app.chatkit(create('please review'), { token: alice }));
      expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { status: { type: 'locked' } } });
      const threadId = events[0]?.type === 'thread.created' ? events[0].thread.id : '';

      const refused = await app.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('hello?') } },
        { token: alice },
      );
      expect(refused.status).toBe(409);
      expect(parseErrorResponse(await refused.text()).error).toEqual({
        code: 'thread_locked',
        message: 'Thread is locked: Waiting for a person to review',
      });
      const read = await app.chatkit({ type: 'threads.get_by_id', params: { thread_id: threadId } }, { token: alice });
      expect(parseJsonResponse('threads.get_by_id', await read.text()).items.data).toHaveLength(2);
    },
    APP_START_TIMEOUT_MS,
  );
});

describe('the daily token budget and usage', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(async () => mock.close());

  const OPERATOR = 'operator-token-0123456789abcdef-0123456789';

  it(
    'records each reply’s tokens, refuses the reply after the budget is spent with a clear message, and reports usage',
    async () => {
      const app = await start({
        OPENAI_BASE_URL: mock.baseURL,
        CHATWIRE_MODEL: 'mock-model',
        CHATWIRE_DAILY_TOKEN_BUDGET: '1000',
        CHATWIRE_OPERATOR_TOKEN: OPERATOR,
      });
      const alice = await app.login(`budget-alice-${Date.now()}`);
      mock.reply({ text: ['First ', 'answer.'], usage: { input: 600, output: 450 } });
      const first = await collectEvents(await app.chatkit(create('first question'), { token: alice }));
      expect(first.findLast((event) => event.type === 'thread.item.done')).toMatchObject({
        item: { type: 'assistant_message', content: [{ text: 'First answer.' }] },
      });
      const threadId = first[0]?.type === 'thread.created' ? first[0].thread.id : '';

      // 600 + 450 for the reply and 12 + 7 for its title: over 1,000.
      const usage = async (token: string, query = '') => {
        const response = await fetch(`${app.base}/admin/usage${query}`, { headers: { Authorization: `Bearer ${token}` } });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      await expect.poll(async () => (await usage(alice)).body.today).toMatchObject({ used_tokens: 1069 });
      const own = await usage(alice);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        days: [{ requests: 2, input_tokens: 612, output_tokens: 457, total_tokens: 1069, estimated: false }],
        today: {
          used_tokens: 1069,
          budget_tokens: 1000,
          remaining_tokens: 0,
          resets_at: expect.stringMatching(/T00:00:00\.000Z$/),
        },
      });

      const requestsBefore = mock.requests.length;
      const refused = await collectEvents(
        await app.chatkit(
          { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('second question') } },
          { token: alice },
        ),
      );
      expect(refused.at(-1)).toEqual({
        type: 'error',
        code: 'custom',
        message: expect.stringMatching(
          /^You have used today's AI allowance \(1,069 of 1,000 tokens\)\. It renews at midnight UTC, in (\d+ h )?\d+ min\.$/,
        ),
        allow_retry: false,
      });
      // The model was not asked; the user's message is kept, so the thread shows what was sent.
      expect(mock.requests.length).toBe(requestsBefore);
      expect(refused.some((event) => event.type === 'thread.item.done' && event.item.type === 'user_message')).toBe(true);

      // Another user still has their whole budget; their usage is theirs alone.
      const bobId = `budget-bob-${Date.now()}`;
      const bob = await app.login(bobId);
      expect((await usage(bob)).body).toMatchObject({
        user_id: bobId,
        days: [],
        today: { used_tokens: 0, remaining_tokens: 1000 },
      });
      expect(await usage(bob, `?user_id=${encodeURIComponent(String(own.body.user_id))}`)).toEqual({
        status: 403,
        body: { error: { code: 'forbidden', message: "Only the operator token may read other users' usage" } },
      });
      // The operator reads anyone, and everyone.
      expect((await usage(OPERATOR, `?user_id=${encodeURIComponent(String(own.body.user_id))}`)).body).toMatchObject({
        today: { used_tokens: 1069 },
      });
      const everyone = (await usage(OPERATOR)).body.users as { user_id: string; total_tokens: number }[];
      expect(everyone.find((row) => row.user_id === own.body.user_id)).toMatchObject({ total_tokens: 1069 });
      expect((await usage('not-the-operator-token')).status).toBe(401);
    },
    APP_START_TIMEOUT_MS,
  );
});

describe('request ids and the public URL', () => {
  it(
    'answers with X-Request-Id: a sane incoming one kept, anything else replaced',
    async () => {
      const app = await start();
      const kept = await fetch(`${app.base}/healthz`, { headers: { 'X-Request-Id': 'edge-1234.abc' } });
      expect(kept.headers.get('x-request-id')).toBe('edge-1234.abc');
      const replaced = await fetch(`${app.base}/healthz`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const generated = await fetch(`${app.base}/nope`);
      expect(generated.status).toBe(404);
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    },
    APP_START_TIMEOUT_MS,
  );

  it(
    'puts CHATWIRE_PUBLIC_URL, not the request Host, in upload descriptors and preview URLs',
    async () => {
      const app = await start({ CHATWIRE_PUBLIC_URL: 'https://chat.example.com/assistant/' });
      const alice = await app.login('public-url-alice');
      const response = await app.chatkit(
        { type: 'attachments.create', params: { name: 'a.png', size: 10, mime_type: 'image/png' } },
        { token: alice, headers: { Host: 'internal-host:8080' } },
      );
      const attachment = parseJsonResponse('attachments.create', await response.text());
      expect(attachment.upload_descriptor?.url).toBe(
        `https://chat.example.com/assistant/chatkit/attachments/${attachment.id}/upload`,
      );
      expect(attachment.type === 'image' && attachment.preview_url).toBe(
        `https://chat.example.com/assistant/chatkit/attachments/${attachment.id}`,
      );
    },
    APP_START_TIMEOUT_MS,
  );
});
