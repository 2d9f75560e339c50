import { Agent, tool } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import type { ModelApi } from './model-config.js';
import { AgentTestServer, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const lookUpOrder = tool({
  name: 'look_up_order',
  description: 'Finds an order by its number',
  parameters: z.object({ number: z.string() }),
  execute: ({ number }) => `Order ${number}: shipped`,
});
const agent = new Agent<AgentContext, 'text'>({ name: 'Support', instructions: 'Help.', tools: [lookUpOrder] });

const Body = z.object({ model: z.string(), tool_choice: z.unknown().optional() }).loose();

/** The body of the next streamed model request `work` causes. */
async function nextRequest(work: () => Promise<unknown>) {
  const before = mock.requests.length;
  mock.reply({ text: ['Done.'] });
  await work();
  const request = mock.requests.slice(before).find((recorded) => recorded.stream);
  if (!request) throw new Error('the model was not asked');
  return Body.parse(request.body);
}

describe.each<ModelApi>(['chat_completions', 'responses'])('composer choices over %s', (api) => {
  let helpers: ReturnType<typeof serverHelpers>;
  beforeAll(() => {
    helpers = serverHelpers(new AgentTestServer({ agent, model: mockModel(mock, api), allowedModels: ['mock-large'] }));
  });
  const create = (...args: Parameters<typeof helpers.create>) => helpers.create(...args);
  const add = (...args: Parameters<typeof helpers.add>) => helpers.add(...args);

  it('an allowed model picked in the composer answers; any other pick gets the default model', async () => {
    let threadId = '';
    const picked = await nextRequest(async () => {
      ({ threadId } = await create('Hi', undefined, { inference_options: { model: 'mock-large' } }));
    });
    expect(picked.model).toBe('mock-large');
    const refused = await nextRequest(() =>
      add(threadId, 'And now?', undefined, { inference_options: { model: 'gpt-expensive' } }),
    );
    expect(refused.model).toBe('mock-model');
    const none = await nextRequest(() => add(threadId, 'And now?'));
    expect(none.model).toBe('mock-model');
  });

  it("a composer tool choice that names one of the agent's tools makes the model call it; an unknown one is ignored", async () => {
    const chosen = await nextRequest(() =>
      create('Where is 42?', undefined, { inference_options: { tool_choice: { id: 'look_up_order' } } }),
    );
    expect(JSON.stringify(chosen.tool_choice)).toContain('look_up_order');
    const unknown = await nextRequest(() =>
      create('Where is 43?', undefined, { inference_options: { tool_choice: { id: 'delete_everything' } } }),
    );
    expect(JSON.stringify(unknown.tool_choice ?? null)).not.toContain('delete_everything');
  });
});

it('without a model of its own the responder honours no picks at all', async () => {
  const server = new AgentTestServer({ agent, model: mockModel(mock, 'chat_completions'), allowedModels: [] });
  const { create } = serverHelpers(server);
  const body = await nextRequest(() => create('Hi', undefined, { inference_options: { model: 'mock-large' } }));
  expect(body.model).toBe('mock-model');
});
