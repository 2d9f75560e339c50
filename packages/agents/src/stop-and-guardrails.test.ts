import { CANCELLED_NOTE } from '@chatwire/server';
import { iterateEvents } from '@chatwire/server/testing';
import { Agent } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentContext } from './agent-context.js';
import { DEFAULT_GUARDRAIL_MESSAGE } from './stream-agent-response.js';
import { ALICE, AgentTestServer, FIXED_TIME, mockModel, serverHelpers, textInput } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });
const AFTER_TWO_DELTAS = { responses: 5, chat_completions: 3 } as const;

describe.each(['responses', 'chat_completions'] as const)('stopping over %s', (api) => {
  it('cancelling the stream mid-reply aborts the model request (the mock sees its connection closed) and keeps the text shown', async () => {
    const server = new AgentTestServer({ agent, model: mockModel(mock, api) });
    mock.reply({ text: ['One ', 'two ', 'three'], stallAfter: AFTER_TWO_DELTAS[api] });
    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('Count to three') } }),
      ALICE,
    );
    let threadId = '';
    const events = iterateEvents(result);
    for await (const event of events) {
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (
        event.type === 'thread.item.updated' &&
        event.update.type === 'assistant_message.content_part.text_delta' &&
        event.update.delta === 'two '
      )
        break;
    }
    if (!result.streaming) throw new Error('expected a stream');
    result.cancel();
    expect(await mock.requests.at(-1)!.closed).toBe(true);
    const items = await server.store.loadThreadItems(threadId, undefined, 10, 'asc', ALICE);
    expect(items.data.slice(1)).toEqual([
      {
        type: 'assistant_message',
        id: 'message_3',
        thread_id: threadId,
        created_at: FIXED_TIME,
        content: [{ type: 'output_text', text: 'One two ', annotations: [] }],
      },
      {
        type: 'sdk_hidden_context',
        id: 'sdk_hidden_context_4',
        thread_id: threadId,
        created_at: FIXED_TIME,
        content: CANCELLED_NOTE,
      },
    ]);
  });
});

describe('guardrails', () => {
  it('an output guardrail trip removes what the reply produced and ends with a non-retryable error', async () => {
    const guarded = agent.clone({
      outputGuardrails: [
        {
          name: 'no-secrets',
          execute: async ({ agentOutput }) => ({ outputInfo: null, tripwireTriggered: String(agentOutput).includes('secret') }),
        },
      ],
    });
    const server = new AgentTestServer({ agent: guarded, model: mockModel(mock, 'responses') });
    mock.reply({ text: ['The secret ', 'is 42.'] });
    const { threadId, events } = await serverHelpers(server).create('Tell me the secret');
    expect(events.slice(-3)).toEqual([
      { type: 'thread.item.done', item: expect.objectContaining({ id: 'message_3', type: 'assistant_message' }) },
      { type: 'thread.item.removed', item_id: 'message_3' },
      { type: 'error', code: 'custom', message: DEFAULT_GUARDRAIL_MESSAGE, allow_retry: false },
    ]);
    const items = await server.store.loadThreadItems(threadId, undefined, 10, 'asc', ALICE);
    expect(items.data.map((item) => item.type)).toEqual(['user_message']);
  });

  it('a blocking input guardrail trip stops the reply before the model is asked', async () => {
    const guarded = agent.clone({
      inputGuardrails: [
        { name: 'no-shouting', runInParallel: false, execute: async () => ({ outputInfo: null, tripwireTriggered: true }) },
      ],
    });
    const server = new AgentTestServer({
      agent: guarded,
      model: mockModel(mock, 'responses'),
      guardrailMessage: 'Please ask politely.',
    });
    const before = mock.requests.length;
    const { events } = await serverHelpers(server).create('ANSWER NOW');
    expect(events).toEqual([{ type: 'error', code: 'custom', message: 'Please ask politely.', allow_retry: false }]);
    expect(mock.requests.length).toBe(before);
  });
});
