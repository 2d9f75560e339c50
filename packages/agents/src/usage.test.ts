import { Agent } from '@openai/agents-core';
import { iterateEvents } from '@chatwire/server/testing';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentContext } from './agent-context.js';
import { ALICE, AgentTestServer, mockModel, serverHelpers, textInput, type TestContext } from './test-support/agent-server.js';
import type { ReplyUsage } from './usage-meter.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });

function recordingServer(api: 'responses' | 'chat_completions', titles = false) {
  const heard: { usage: ReplyUsage; userId: string; threadId: string }[] = [];
  const server = new AgentTestServer({
    agent,
    model: mockModel(mock, api),
    titles,
    onUsage: (usage, context: TestContext, thread) => heard.push({ usage, userId: context.userId, threadId: thread.id }),
  });
  return { server, heard };
}

describe.each(['responses', 'chat_completions'] as const)('model usage over %s', (api) => {
  it('reports the tokens the endpoint counted for the reply and its title, once, for the user and thread', async () => {
    const { server, heard } = recordingServer(api, true);
    mock.reply({ text: ['Hello ', 'there.'], usage: { input: 120, output: 30 } });
    const { threadId } = await serverHelpers(server).create('Plan a trip to Lisbon');
    expect(heard).toEqual([
      // The title call is the mock's whole-answer usage: 12 in, 7 out.
      {
        usage: { model: 'mock-model', requests: 2, inputTokens: 132, outputTokens: 37, estimated: false },
        userId: 'alice',
        threadId,
      },
    ]);
  });

  it('a reply stopped mid-stream still counts: what was sent and shown, marked as estimated', async () => {
    const { server, heard } = recordingServer(api);
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `);
    mock.reply({ text: words, usage: { input: 5000, output: 5000 }, eventDelayMs: 20 });
    const body = JSON.stringify({ type: 'threads.create', params: { input: textInput('Tell me a long story') } });
    let deltas = 0;
    for await (const event of iterateEvents(await server.process(body, ALICE))) {
      if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') deltas++;
      if (deltas === 4) break;
    }
    await expect.poll(() => heard.length).toBe(1);
    const { usage } = heard[0]!;
    expect(usage).toMatchObject({ model: 'mock-model', requests: 1, estimated: true });
    // The input was the instructions-free history ("Tell me a long story"), a handful of tokens;
    // the output at least the four words shown (4 characters a token), never the full 5,000 reported at the end.
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThanOrEqual(Math.ceil('word0 word1 word2 word3 '.length / 4));
    expect(usage.outputTokens).toBeLessThan(5000);
  });

  it('a failed model call reports nothing it did not use', async () => {
    const { server, heard } = recordingServer(api);
    mock.reply({ status: 401 });
    await serverHelpers(server).create('Hi');
    expect(heard).toEqual([]);
  });
});
