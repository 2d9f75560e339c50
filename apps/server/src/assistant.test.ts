import { CONTEXT_INSTRUCTION, OFFLINE_NOTICE, parseContextBlock } from '@chatwire/agents';
import { readSseData, type ThreadItem, type ThreadStreamEvent } from '@chatwire/protocol';
import { collectEvents, parseEvent, parseJsonResponse } from '@chatwire/server/testing';
import { startMockOpenAI, type MockOpenAI, type RecordedRequest } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeModel } from './assistant.js';
import {
  APP_START_TIMEOUT_MS,
  requestHeaders,
  startApp,
  textInput,
  type Credentials,
  type RunningApp,
} from './test-support/app-harness.js';

/**
 * The app's own assistant (`createAssistant`, the default of `createApp`) over real HTTP: with no
 * model configured (the offline model), and with `OPENAI_BASE_URL` pointing at a local
 * OpenAI-compatible mock (Chat Completions, the real OpenAI client in between).
 */

/** What a browser on a pricing page sends as `metadata.pageContext`. */
const PRICING_PAGE = {
  url: 'https://shop.example.test/pricing',
  title: 'Pricing',
  path: '/pricing',
  description: 'Plans for teams of every size, billed monthly or yearly.',
  headings: [
    'Starter plan: free for one user',
    'Team plan: $12 per seat per month',
    'Enterprise: talk to sales',
    'Refunds within 30 days',
  ],
};

/** Looks like a real key, so a test can tell if it ever leaves the app anywhere but its own header. */
const API_KEY = 'sk-proj-APP-TEST-KEY-0123456789abcdef';

function assistantTexts(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'thread.item.done' && event.item.type === 'assistant_message'
      ? [event.item.content.map((part) => part.text).join('')]
      : [],
  );
}

function deltas(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
      ? [event.update.delta]
      : [],
  );
}

function threadIdOf(events: ThreadStreamEvent[]): string {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error(`expected thread.created first, got ${created?.type}`);
  return created.thread.id;
}

/** The thread's user and assistant messages, as [type, text]. */
async function conversation(running: RunningApp, credentials: Credentials, threadId: string): Promise<Array<[string, string]>> {
  const response = await running.chatkit({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } }, credentials);
  const items: ThreadItem[] = parseJsonResponse('items.list', await response.text()).data;
  return items.flatMap((item): Array<[string, string]> =>
    item.type === 'user_message' || item.type === 'assistant_message'
      ? [[item.type, item.content.map((part) => part.text).join('')]]
      : [],
  );
}

describe('with no model configured, the app answers with the offline model', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  }, APP_START_TIMEOUT_MS);

  afterAll(() => running?.close());

  it('a question about the page in metadata.pageContext gets the offline notice, a "Read page context" tool step, the matching section of the page, and a title', async () => {
    const token = await running.login('offline-reader', 'Reader');
    const question = 'How much does the Team plan cost per seat?';
    const events = await collectEvents(
      await running.chatkit(
        { type: 'threads.create', metadata: { pageContext: PRICING_PAGE }, params: { input: textInput(question) } },
        { token },
      ),
    );
    const threadId = threadIdOf(events);

    const notice = events.findIndex((event) => event.type === 'notice');
    expect(events[notice]).toEqual(OFFLINE_NOTICE);
    expect(events[notice]).toMatchObject({ title: 'Offline model', message: expect.stringContaining('OPENAI_API_KEY') });

    const toolStep = events.findIndex((event) => event.type === 'thread.item.done' && event.item.type === 'workflow');
    expect(events[toolStep]).toMatchObject({
      type: 'thread.item.done',
      item: {
        type: 'workflow',
        workflow: { tasks: [{ type: 'custom', title: 'Read page context', status_indicator: 'complete' }] },
      },
    });

    const [answer] = assistantTexts(events);
    expect(answer).toContain('Team plan: $12 per seat per month');
    expect(answer).not.toContain('Enterprise');
    // Streamed a word at a time, and the words make up the answer.
    expect(deltas(events).length).toBeGreaterThan(5);
    expect(deltas(events).join('')).toBe(answer);
    const answered = events.findIndex((event) => event.type === 'thread.item.added' && event.item.type === 'assistant_message');
    expect(notice).toBeLessThan(toolStep);
    expect(toolStep).toBeLessThan(answered);

    const updated = events.findLast((event) => event.type === 'thread.updated');
    if (updated?.type !== 'thread.updated') throw new Error('expected thread.updated');
    const title = updated.thread.title ?? '';
    const titleWords = title.toLowerCase().split(/\s+/);
    expect(titleWords.length).toBeGreaterThanOrEqual(2);
    expect(titleWords.length).toBeLessThanOrEqual(5);
    // The offline model names the thread from the first message, not from anywhere else.
    for (const word of titleWords) expect(question.toLowerCase()).toContain(word);

    const stored = parseJsonResponse(
      'threads.get_by_id',
      await (await running.chatkit({ type: 'threads.get_by_id', params: { thread_id: threadId } }, { token })).text(),
    );
    expect(stored.title).toBe(title);
    expect(stored.items.data.map((item) => item.type)).toEqual(['user_message', 'workflow', 'assistant_message']);
  });

  it('a follow-up in the same thread gets no second notice and can recall what the user wrote', async () => {
    const token = await running.login('offline-recall');
    const first = await collectEvents(
      await running.chatkit(
        { type: 'threads.create', params: { input: textInput('My order number is 4417 and it arrived broken') } },
        { token },
      ),
    );
    const threadId = threadIdOf(first);
    const next = await collectEvents(
      await running.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('What did I say about my order?') } },
        { token },
      ),
    );
    expect(next.some((event) => event.type === 'notice')).toBe(false);
    expect(assistantTexts(next).join('')).toContain('My order number is 4417');
  });
});

describe('with OPENAI_BASE_URL set, the app answers through that endpoint (Chat Completions)', () => {
  let mock: MockOpenAI;
  let running: RunningApp;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    running = await startApp({ OPENAI_BASE_URL: mock.baseURL, OPENAI_API_KEY: API_KEY, CHATWIRE_MODEL: 'mock-model' });
  }, APP_START_TIMEOUT_MS);

  afterAll(async () => {
    await running?.close();
    await mock?.close();
  });

  const ChatBody = z.object({
    model: z.string(),
    stream: z.literal(true),
    messages: z.array(
      z.object({ role: z.string(), content: z.union([z.string(), z.array(z.object({ text: z.string() }).loose())]) }).loose(),
    ),
  });

  function messagesOf(request: RecordedRequest): Array<{ role: string; text: string }> {
    return ChatBody.parse(request.body).messages.map(({ role, content }) => ({
      role,
      text: typeof content === 'string' ? content : content.map((part) => part.text).join(''),
    }));
  }

  it('a reply streams through the app; the model gets the page context as a delimited block and no session or token, and only the configured key as Authorization', async () => {
    const login = await fetch(`${running.base}/auth/dev/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: running.base },
      body: JSON.stringify({ user_id: 'model-user', name: 'Alice' }),
    });
    const { token } = z.object({ token: z.string() }).parse(await login.json());
    const cookie = /chatwire_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('expected a session cookie');
    const before = mock.requests.length;

    mock.reply({ text: ['The Team plan ', 'costs $12 ', 'per seat a month.'] });
    const events = await collectEvents(
      await running.chatkit(
        {
          type: 'threads.create',
          metadata: { pageContext: PRICING_PAGE },
          params: { input: textInput('What does the Team plan cost?') },
        },
        { token },
      ),
    );
    const threadId = threadIdOf(events);
    expect(deltas(events)).toEqual(['The Team plan ', 'costs $12 ', 'per seat a month.']);
    expect(assistantTexts(events)).toEqual(['The Team plan costs $12 per seat a month.']);
    expect(events.some((event) => event.type === 'notice')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { id: threadId, title: 'Mock chat title' } });

    // The second turn signed in by the browser's cookie instead of the Bearer token.
    mock.reply({ text: ['Yes, within 30 days.'] });
    const second = await collectEvents(
      await running.chatkit(
        {
          type: 'threads.add_user_message',
          metadata: { pageContext: PRICING_PAGE },
          params: { thread_id: threadId, input: textInput('Can I get a refund?') },
        },
        { cookie, origin: running.base },
      ),
    );
    expect(assistantTexts(second)).toEqual(['Yes, within 30 days.']);

    const requests = mock.requests.slice(before);
    const replies = requests.filter((request) => request.stream);
    expect(replies.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(replies.map((request) => ChatBody.parse(request.body).model)).toEqual(['mock-model', 'mock-model']);

    const messages = messagesOf(replies[1]!);
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user', 'user']);
    expect(messages[0]!.text).toContain(CONTEXT_INSTRUCTION);
    expect(messages.slice(1, 3).map((message) => message.text)).toEqual([
      'What does the Team plan cost?',
      'The Team plan costs $12 per seat a month.',
    ]);
    expect(messages[4]!.text).toBe('Can I get a refund?');
    expect(parseContextBlock(messages[3]!.text)).toEqual({ user: { name: 'Alice' }, page: PRICING_PAGE });

    for (const request of requests) {
      expect(request.rawBody).not.toContain(token);
      expect(request.rawBody).not.toContain(cookie);
      expect(request.rawBody).not.toContain(API_KEY);
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(request.headers.cookie).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(token);
    }
  });

  it('stopping mid-reply (the fetch aborted) closes the request to the model; the thread keeps the partial text and takes the next message', async () => {
    const token = await running.login('stop-user');
    mock.reply({ text: ['One ', 'two ', 'three'], stallAfter: 3 });
    const stop = new AbortController();
    const response = await fetch(`${running.base}/chatkit`, {
      method: 'POST',
      headers: requestHeaders({ token }),
      body: JSON.stringify({ type: 'threads.create', params: { input: textInput('Count to three') } }),
      signal: stop.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const seen: ThreadStreamEvent[] = [];
    for await (const data of readSseData(response.body!)) {
      seen.push(parseEvent(data));
      if (deltas(seen).at(-1) === 'two ') break;
    }
    const reply = mock.requests.filter((request) => request.stream).at(-1)!;
    stop.abort();

    expect(await reply.closed).toBe(true);
    const threadId = threadIdOf(seen);
    // The server saves what was shown once it has noticed the disconnect.
    await vi.waitFor(async () =>
      expect(await conversation(running, { token }, threadId)).toEqual([
        ['user_message', 'Count to three'],
        ['assistant_message', 'One two '],
      ]),
    );

    mock.reply({ text: ['Three.'] });
    const next = await collectEvents(
      await running.chatkit(
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('Go on') } },
        { token },
      ),
    );
    expect(assistantTexts(next)).toEqual(['Three.']);
    expect(await conversation(running, { token }, threadId)).toEqual([
      ['user_message', 'Count to three'],
      ['assistant_message', 'One two '],
      ['user_message', 'Go on'],
      ['assistant_message', 'Three.'],
    ]);
    // The model saw the partial reply in the history.
    const history = messagesOf(mock.requests.filter((request) => request.stream).at(-1)!);
    expect(history.filter((message) => message.role === 'assistant').map((message) => message.text)).toEqual(['One two ']);
  });
});

describe('the startup line naming the model', () => {
  it('names the offline model and why it is in use', () => {
    expect(describeModel({ kind: 'offline' })).toBe('offline model (no OPENAI_API_KEY or OPENAI_BASE_URL set)');
  });

  it('names the model and the API for OpenAI, and never the key', () => {
    expect(describeModel({ kind: 'openai', api: 'responses', model: 'gpt-4.1-mini', apiKey: API_KEY })).toBe(
      'gpt-4.1-mini via OpenAI Responses',
    );
    expect(describeModel({ kind: 'openai', api: 'chat_completions', model: 'gpt-4.1', apiKey: API_KEY })).toBe(
      'gpt-4.1 via OpenAI (chat completions)',
    );
  });

  it('names the model and only the host of OPENAI_BASE_URL, never user info, path or query', () => {
    expect(
      describeModel({
        kind: 'openai',
        api: 'chat_completions',
        model: 'llama3.2',
        apiKey: 'not-needed',
        baseURL: 'http://127.0.0.1:11434/v1',
      }),
    ).toBe('llama3.2 via 127.0.0.1:11434 (chat completions)');
    const withSecrets = describeModel({
      kind: 'openai',
      api: 'responses',
      model: 'm',
      apiKey: API_KEY,
      baseURL: 'https://gateway:hunter2@llm.example.test/v1?api-key=QUERY-SECRET',
    });
    expect(withSecrets).toBe('m via llm.example.test (responses)');
  });
});
