import { Agent } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import { clientTool } from './client-tool.js';
import { afterStreamOptions, AgentTestServer, FIXED_TIME, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const pickColor = clientTool({
  name: 'pick_color',
  description: 'Lets the user pick a colour',
  parameters: z.object({ palette: z.string() }),
});
const agent = new Agent<AgentContext, 'text'>({ name: 'Painter', instructions: 'Help paint.', tools: [pickColor] });

const ResponsesInput = z.object({ input: z.array(z.object({ type: z.string().optional() }).loose()) });
const ChatMessages = z.object({
  messages: z.array(z.object({ role: z.string(), tool_calls: z.array(z.unknown()).optional() }).loose()),
});

/** The function call and its output as the mock received them, whatever the API. */
function toolExchange(body: unknown): { call: unknown; output: unknown } {
  const responses = ResponsesInput.safeParse(body);
  if (responses.success) {
    return {
      call: responses.data.input.find((item) => item.type === 'function_call'),
      output: responses.data.input.find((item) => item.type === 'function_call_output'),
    };
  }
  const { messages } = ChatMessages.parse(body);
  return { call: messages.find((m) => m.tool_calls)?.tool_calls?.[0], output: messages.find((m) => m.role === 'tool') };
}

describe.each(['responses', 'chat_completions'] as const)('client tools over %s', (api) => {
  it('end the reply with a pending client_tool_call; the tool output continues the run with call and output in history', async () => {
    const server = new AgentTestServer({ agent, model: mockModel(mock, api) });
    const helpers = serverHelpers(server);
    mock.reply({ toolCalls: [{ name: 'pick_color', arguments: { palette: 'warm' }, callId: 'call_pick' }] });
    const { threadId, events } = await helpers.create('Pick a colour for me');
    // No workflow task for a client tool: the client runs it, the pending item is all there is.
    expect(events).toEqual([
      {
        type: 'thread.item.done',
        item: {
          type: 'client_tool_call',
          id: 'tool_call_3',
          thread_id: 'thread_1',
          created_at: FIXED_TIME,
          status: 'pending',
          call_id: 'call_pick',
          name: 'pick_color',
          arguments: { palette: 'warm' },
        },
      },
    ]);
    const requestsBefore = mock.requests.length;

    mock.reply({ text: ['Orange ', 'it is.'] });
    const continued = afterStreamOptions(
      await helpers.send('threads.add_client_tool_output', { thread_id: threadId, result: { color: '#ff8800' } }),
    );
    expect(continued.map((event) => event.type)).toEqual([
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    expect(continued.at(-1)).toMatchObject({ item: { type: 'assistant_message', content: [{ text: 'Orange it is.' }] } });

    expect(mock.requests.length).toBe(requestsBefore + 1);
    const exchange = toolExchange(mock.requests.at(-1)!.body);
    if (api === 'responses') {
      expect(exchange.call).toMatchObject({
        type: 'function_call',
        call_id: 'call_pick',
        name: 'pick_color',
        arguments: '{"palette":"warm"}',
      });
      expect(exchange.output).toMatchObject({
        type: 'function_call_output',
        call_id: 'call_pick',
        output: '{"color":"#ff8800"}',
      });
    } else {
      expect(exchange.call).toMatchObject({ id: 'call_pick', function: { name: 'pick_color', arguments: '{"palette":"warm"}' } });
      expect(exchange.output).toMatchObject({ role: 'tool', tool_call_id: 'call_pick', content: '{"color":"#ff8800"}' });
    }
    const items = await server.store.loadThreadItems(threadId, undefined, 20, 'asc', { userId: 'alice' });
    expect(items.data.map((item) => item.type)).toEqual(['user_message', 'client_tool_call', 'assistant_message']);
    expect(items.data[1]).toMatchObject({ status: 'completed', output: { color: '#ff8800' } });
  });
});
