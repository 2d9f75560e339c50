import type { ThreadStreamEvent } from '@chatwire/protocol';
import { Agent } from '@openai/agents-core';
import { chatJson, responsesJson, startMockOpenAI, type MockOpenAI, type MockReply } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentContext } from './agent-context.js';
import { ALICE, AgentTestServer, FIXED_TIME, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });

const error = (message: string, allowRetry: boolean) => ({ type: 'error', code: 'custom', message, allow_retry: allowRetry });
const CUT = error("The AI model's reply was cut off. Please try again.", true);
const part = (text: string) => ({ type: 'output_text', text, annotations: [] });

/** Events of a message that got `deltas` before the model failed: finished with the text shown, then `failure`. */
function partialThenError(deltas: string[], failure: object): object[] {
  const id = 'message_3';
  const item = (content: object[]) => ({ type: 'assistant_message', id, thread_id: 'thread_1', created_at: FIXED_TIME, content });
  const updated = (update: object) => ({ type: 'thread.item.updated', item_id: id, update });
  return [
    { type: 'thread.item.added', item: item([]) },
    updated({ type: 'assistant_message.content_part.added', content_index: 0, content: part('') }),
    ...deltas.map((delta) => updated({ type: 'assistant_message.content_part.text_delta', content_index: 0, delta })),
    updated({ type: 'assistant_message.content_part.done', content_index: 0, content: part(deltas.join('')) }),
    { type: 'thread.item.done', item: item([part(deltas.join(''))]) },
    failure,
  ];
}

/** How many events of each API's stream come before the first two text deltas have gone out. */
const AFTER_TWO_DELTAS = { responses: 5, chat_completions: 3 } as const;

describe.each(['responses', 'chat_completions'] as const)('model failures over %s', (api) => {
  const server = () => new AgentTestServer({ agent, model: mockModel(mock, api, 400), idleTimeoutMs: 300 });

  it.each([
    [
      401,
      error(
        "The AI model service rejected this app's credentials (HTTP 401). An administrator needs to check OPENAI_API_KEY.",
        false,
      ),
    ],
    [429, error('The AI model service is busy or over its rate limit. Please try again in a moment.', true)],
    [503, error('The AI model service had a problem (HTTP 503). Please try again.', true)],
  ])('an HTTP %i before any output is one error event, retryable only when a retry can help', async (status, expected) => {
    mock.reply({ status });
    const { events } = await serverHelpers(server()).create('Hi');
    expect(events).toEqual([expected]);
  });

  it('a model that never answers times out with a retryable error', async () => {
    mock.reply({ stallBeforeHeaders: true });
    const { events } = await serverHelpers(server()).create('Hi');
    expect(events).toEqual([error('The AI model took too long to respond. Please try again.', true)]);
  });

  const failures: [string, MockReply, object][] = [
    ['the connection drops', { text: ['Partial ', 'answer', ' never seen'], cutAfter: AFTER_TWO_DELTAS[api] }, CUT],
    ['the stream ends early', { text: ['Partial ', 'answer', ' never seen'], endAfter: AFTER_TWO_DELTAS[api] }, CUT],
    [
      'the stream turns to garbage',
      { text: ['Partial ', 'answer', ' never seen'], malformedAfter: AFTER_TWO_DELTAS[api] },
      error('The AI model service sent a reply that could not be read. Please try again.', true),
    ],
    [
      'the stream goes silent',
      { text: ['Partial ', 'answer', ' never seen'], stallAfter: AFTER_TWO_DELTAS[api] },
      error('The AI model took too long to respond. Please try again.', true),
    ],
  ];

  it.each(failures)(
    'when %s after the first deltas, the text shown is kept and a retryable error ends the stream',
    async (_what, reply, failure) => {
      const chat = server();
      mock.reply(reply);
      const { threadId, events } = await serverHelpers(chat).create('Tell me a story');
      expect(events).toEqual(partialThenError(['Partial ', 'answer'], failure));
      const items = await chat.store.loadThreadItems(threadId, undefined, 10, 'asc', ALICE);
      expect(items.data.at(-1)).toMatchObject({ type: 'assistant_message', content: [{ text: 'Partial answer' }] });
    },
  );

  it('a silent stream is abandoned: the request to the model is closed', async () => {
    mock.reply({ text: ['Partial ', 'answer'], stallAfter: AFTER_TWO_DELTAS[api] });
    await serverHelpers(server()).create('Tell me a story');
    expect(await mock.requests.at(-1)!.closed).toBe(true);
  });

  it('the thread stays usable after a failure, and the next turn sees the partial answer', async () => {
    const chat = server();
    const helpers = serverHelpers(chat);
    mock.reply({ text: ['Partial ', 'answer', ' never seen'], cutAfter: AFTER_TWO_DELTAS[api] });
    const { threadId } = await helpers.create('Tell me a story');
    mock.reply({ text: ['Second ', 'try.'] });
    const events: ThreadStreamEvent[] = await helpers.add(threadId, 'Try again');
    expect(events.at(-1)).toMatchObject({
      type: 'thread.item.done',
      item: { type: 'assistant_message', content: [{ text: 'Second try.' }] },
    });
    expect(mock.requests.at(-1)!.rawBody).toContain('Partial answer');
  });
});

describe.each(['responses', 'chat_completions'] as const)('a model endpoint that answers in another format over %s', (api) => {
  const server = () => new AgentTestServer({ agent, model: mockModel(mock, api, 400), idleTimeoutMs: 300 });
  const UNREADABLE = error(
    'The AI model service answered in a format this app cannot read (not a stream of model events). An administrator needs to check OPENAI_BASE_URL and CHATWIRE_MODEL_API.',
    false,
  );
  const whole = api === 'responses' ? responsesJson('Not streamed', 1) : chatJson('Not streamed', 1);

  it.each([
    ['JSON to a streaming request', { contentType: 'application/json', body: JSON.stringify(whole) }, UNREADABLE],
    [
      'an HTML page',
      { contentType: 'text/html', body: '<!doctype html><html><body>Welcome to nginx!</body></html>' },
      UNREADABLE,
    ],
    ['plain text', { contentType: 'text/plain', body: 'OK' }, UNREADABLE],
    ['an empty stream', { contentType: 'text/event-stream', body: '' }, CUT],
    ['a stream of something else', { contentType: 'text/event-stream', body: 'data: {"hello":"world"}\n\n' }, CUT],
  ])('%s is one clear error event, never "too many steps"', async (_what, raw, expected) => {
    mock.reply({ raw });
    const { events } = await serverHelpers(server()).create('Hi');
    expect(events).toEqual([expected]);
  });

  it('an HTML error page from a proxy (HTTP 502) says the service had a problem', async () => {
    mock.reply({ raw: { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' } });
    const { events } = await serverHelpers(server()).create('Hi');
    expect(events).toEqual([error('The AI model service had a problem (HTTP 502). Please try again.', true)]);
  });
});
