import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { Agent } from '@openai/agents-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentContext } from './agent-context.js';
import { AgentTestServer, serverHelpers, TEST_API_KEY } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a responder given no model', () => {
  it("answers with the agent's own model name through OpenAI's provider, as with the whole SDK installed", async () => {
    vi.stubEnv('OPENAI_BASE_URL', mock.baseURL);
    vi.stubEnv('OPENAI_API_KEY', TEST_API_KEY);
    const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.', model: 'named-model' });
    const server = new AgentTestServer({ agent });
    mock.reply({ text: ['Hello', ' from the named model'] });

    const { events } = await serverHelpers(server).create('Hi');

    const done = events.findLast((event) => event.type === 'thread.item.done');
    expect(done?.type === 'thread.item.done' && done.item).toMatchObject({
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'Hello from the named model' }],
    });
    const request = mock.requests.at(-1);
    expect(request?.path).toBe('/v1/responses');
    expect(request?.body).toMatchObject({ model: 'named-model' });
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
  });
});
