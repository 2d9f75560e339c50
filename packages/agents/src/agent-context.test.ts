import { Agent, tool, type RunContext } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import { afterStreamOptions, ALICE, AgentTestServer, FIXED_TIME, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const showWeather = tool({
  name: 'show_weather',
  description: 'Shows a weather card',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }, run?: RunContext<AgentContext>) => {
    const context = run!.context;
    context.notice(`Weather data for ${city} is a day old.`, { level: 'warning' });
    context.clientEffect('highlight_city', { city });
    await context.streamWidget(
      { type: 'Card', children: [{ type: 'Text', value: `${city}: sunny` }] },
      { copyText: `${city}: sunny` },
    );
    return 'The card is on screen.';
  },
});
const agent = new Agent<AgentContext, 'text'>({ name: 'Weather', instructions: 'Show the weather.', tools: [showWeather] });

describe('what tools stream through the AgentContext', () => {
  it('arrives in order: task, notice, client effect, then the widget closes the workflow (its task complete), then the answer', async () => {
    const server = new AgentTestServer({ agent, model: mockModel(mock, 'responses') });
    mock.reply({ toolCalls: [{ name: 'show_weather', arguments: { city: 'Lisbon' } }] }, { text: ['Here you go.'] });
    const { events } = await serverHelpers(server).create('Weather in Lisbon?');
    const task = (status: string) => ({ type: 'custom', title: 'Show weather', status_indicator: status });
    const workflow = { type: 'workflow', id: 'workflow_3', thread_id: 'thread_1', created_at: FIXED_TIME };
    expect(events.slice(0, 5)).toEqual([
      {
        type: 'thread.item.added',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('loading')], expanded: false } },
      },
      { type: 'notice', level: 'warning', message: 'Weather data for Lisbon is a day old.' },
      { type: 'client_effect', name: 'highlight_city', data: { city: 'Lisbon' } },
      {
        type: 'thread.item.done',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('complete')], summary: { duration: 0 }, expanded: false } },
      },
      {
        type: 'thread.item.done',
        item: {
          type: 'widget',
          id: 'message_4',
          thread_id: 'thread_1',
          created_at: FIXED_TIME,
          copy_text: 'Lisbon: sunny',
          widget: { type: 'Card', children: [{ type: 'Text', value: 'Lisbon: sunny' }] },
        },
      },
    ]);
    expect(events.slice(5).map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
  });

  it('a widget action reaches the agent as hidden context, and the agent answers it', async () => {
    const plain = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });
    const server = new AgentTestServer({ agent: plain, model: mockModel(mock, 'responses') });
    const helpers = serverHelpers(server);
    mock.reply({ text: ['Pick one.'] });
    const { threadId } = await helpers.create('Show me options');
    await server.store.addThreadItem(
      threadId,
      { type: 'widget', id: 'widget_1', thread_id: threadId, created_at: FIXED_TIME, widget: { type: 'Card', children: [] } },
      ALICE,
    );
    mock.reply({ text: ['You chose blue.'] });
    const events = afterStreamOptions(
      await helpers.send('threads.custom_action', {
        thread_id: threadId,
        item_id: 'widget_1',
        action: { type: 'choose', payload: { color: 'blue' } },
      }),
    );
    // The hidden note is stored but never sent; the reply is.
    expect(events.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    const body = mock.requests.at(-1)!.rawBody;
    expect(body).toContain('The user acted on a widget');
    expect(body).toContain('\\"color\\":\\"blue\\"');
    const stored = await server.store.loadThreadItems(threadId, undefined, 10, 'asc', ALICE);
    expect(stored.data.map((item) => item.type)).toEqual([
      'user_message',
      'assistant_message',
      'widget',
      'sdk_hidden_context',
      'assistant_message',
    ]);
  });
});
