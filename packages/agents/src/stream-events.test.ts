import { Agent, tool, type RunContext } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import { AgentTestServer, FIXED_TIME, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const helper = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });

const lookupOrder = tool({
  name: 'lookup_order',
  description: 'Looks up an order',
  parameters: z.object({ id: z.string() }),
  execute: ({ id }, run?: RunContext<AgentContext>) => {
    run?.context.streamProgress(`Looking up order ${id}…`, 'search');
    return { id, status: 'shipped' };
  },
});
const shopAgent = new Agent<AgentContext, 'text'>({ name: 'Shop', instructions: 'Help with orders.', tools: [lookupOrder] });

type Text = { type: 'output_text'; text: string; annotations: unknown[] };
const text = (value: string, annotations: unknown[] = []): Text => ({ type: 'output_text', text: value, annotations });
const message = (id: string, content: Text[]) => ({
  type: 'assistant_message',
  id,
  thread_id: 'thread_1',
  created_at: FIXED_TIME,
  content,
});
const updated = (itemId: string, update: object) => ({ type: 'thread.item.updated', item_id: itemId, update });

/** The events of a streamed assistant message with `deltas`, ending with `final` content. */
function streamedMessage(id: string, deltas: string[], final: Text = text(deltas.join(''))): object[] {
  return [
    { type: 'thread.item.added', item: message(id, []) },
    updated(id, { type: 'assistant_message.content_part.added', content_index: 0, content: text('') }),
    ...deltas.map((delta) => updated(id, { type: 'assistant_message.content_part.text_delta', content_index: 0, delta })),
    updated(id, { type: 'assistant_message.content_part.done', content_index: 0, content: final }),
    { type: 'thread.item.done', item: message(id, [final]) },
  ];
}

describe.each(['responses', 'chat_completions'] as const)('agent replies over %s', (api) => {
  it('streams plain text as added, part added, one delta per model delta, part done, done', async () => {
    const server = new AgentTestServer({ agent: helper, model: mockModel(mock, api) });
    mock.reply({ text: ['Hello', ' there', '!'] });
    const { events } = await serverHelpers(server).create('Hi');
    expect(events).toEqual(streamedMessage('message_3', ['Hello', ' there', '!']));
  });

  it('shows a server tool call as a workflow task that loads, reports progress, completes, then closes before the answer', async () => {
    const server = new AgentTestServer({ agent: shopAgent, model: mockModel(mock, api) });
    mock.reply({ toolCalls: [{ name: 'lookup_order', arguments: { id: '42' } }] }, { text: ['Order 42 ', 'has shipped.'] });
    const { events } = await serverHelpers(server).create('Where is order 42?');
    const task = (status: string) => ({ type: 'custom', title: 'Lookup order', status_indicator: status });
    const workflow = { type: 'workflow', id: 'workflow_3', thread_id: 'thread_1', created_at: FIXED_TIME };
    expect(events).toEqual([
      {
        type: 'thread.item.added',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('loading')], expanded: false } },
      },
      { type: 'progress_update', text: 'Looking up order 42…', icon: 'search' },
      updated('workflow_3', { type: 'workflow.task.updated', task_index: 0, task: task('complete') }),
      {
        type: 'thread.item.done',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('complete')], summary: { duration: 0 }, expanded: false } },
      },
      ...streamedMessage('message_4', ['Order 42 ', 'has shipped.']),
    ]);
    // The tool's result went back to the model in the second request.
    expect(mock.requests.at(-1)!.rawBody).toContain('shipped');
  });

  it('finishes text the model wrote before calling a tool before the tool task appears', async () => {
    const server = new AgentTestServer({ agent: shopAgent, model: mockModel(mock, api) });
    mock.reply(
      { text: ['Let me ', 'check.'], toolCalls: [{ name: 'lookup_order', arguments: { id: '7' } }] },
      { text: ['Shipped.'] },
    );
    const { events } = await serverHelpers(server).create('Where is order 7?');
    expect(
      events.map((event) =>
        event.type === 'thread.item.updated' ? event.update.type : `${event.type}${'item' in event ? `:${event.item.type}` : ''}`,
      ),
    ).toEqual([
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
      'thread.item.added:workflow',
      'progress_update',
      'workflow.task.updated',
      'thread.item.done:workflow',
      'thread.item.added:assistant_message',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
  });
});

describe('Responses-only output', () => {
  it('turns url and file citations into annotations, numbered without gaps when one cannot be shown', async () => {
    const server = new AgentTestServer({ agent: helper, model: mockModel(mock, 'responses') });
    mock.reply({
      text: ['See ', 'the docs.'],
      annotations: [
        { type: 'url_citation', url: 'https://example.com/docs', title: 'Docs', start_index: 4, end_index: 12 },
        { type: 'file_path', file_id: 'file_1', index: 3 },
        { type: 'file_citation', file_id: 'file_2', filename: 'guide.pdf', index: 12 },
      ],
    });
    const { events } = await serverHelpers(server).create('Where are the docs?');
    const url = { type: 'annotation', source: { type: 'url', url: 'https://example.com/docs', title: 'Docs' }, index: 12 };
    const file = { type: 'annotation', source: { type: 'file', filename: 'guide.pdf', title: 'guide.pdf' }, index: 12 };
    const final = text('See the docs.', [url, file]);
    expect(events).toEqual([
      { type: 'thread.item.added', item: message('message_3', []) },
      updated('message_3', { type: 'assistant_message.content_part.added', content_index: 0, content: text('') }),
      updated('message_3', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'See ' }),
      updated('message_3', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'the docs.' }),
      updated('message_3', {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 0,
        annotation: url,
      }),
      updated('message_3', {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: 1,
        annotation: file,
      }),
      // The reference sends `annotations: []` here, which would wipe the citations already shown.
      updated('message_3', { type: 'assistant_message.content_part.done', content_index: 0, content: final }),
      { type: 'thread.item.done', item: message('message_3', [final]) },
    ]);
  });

  it('shows reasoning summaries as a thought in a reasoning workflow that closes with its duration before the answer', async () => {
    const server = new AgentTestServer({ agent: helper, model: mockModel(mock, 'responses') });
    mock.reply({ reasoning: ['Weighing ', 'the options'], text: ['Pick ', 'the blue one.'] });
    const { events } = await serverHelpers(server).create('Which one?');
    const workflow = { type: 'workflow', id: 'workflow_3', thread_id: 'thread_1', created_at: FIXED_TIME };
    const thought = (content: string) => ({ type: 'thought', content, status_indicator: 'none' });
    expect(events).toEqual([
      { type: 'thread.item.added', item: { ...workflow, workflow: { type: 'reasoning', tasks: [], expanded: false } } },
      updated('workflow_3', { type: 'workflow.task.added', task_index: 0, task: thought('Weighing ') }),
      updated('workflow_3', { type: 'workflow.task.updated', task_index: 0, task: thought('Weighing the options') }),
      updated('workflow_3', { type: 'workflow.task.updated', task_index: 0, task: thought('Weighing the options') }),
      {
        type: 'thread.item.done',
        item: {
          ...workflow,
          workflow: { type: 'reasoning', tasks: [thought('Weighing the options')], summary: { duration: 0 }, expanded: false },
        },
      },
      ...streamedMessage('message_4', ['Pick ', 'the blue one.']),
    ]);
  });

  it('streams a generated image as a generated_image item with partial images', async () => {
    const server = new AgentTestServer({ agent: helper, model: mockModel(mock, 'responses'), hooks: { partialImages: 2 } });
    const events: unknown[] = [
      { type: 'response.created', response: { id: 'resp_img', status: 'in_progress', output: [] } },
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'ig_1', type: 'image_generation_call', status: 'in_progress' },
      },
      {
        type: 'response.image_generation_call.partial_image',
        item_id: 'ig_1',
        output_index: 0,
        partial_image_index: 1,
        partial_image_b64: 'UEFSVA==',
      },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'ig_1', type: 'image_generation_call', status: 'completed', result: 'RklOQUw=' },
      },
      {
        type: 'response.completed',
        response: {
          id: 'resp_img',
          status: 'completed',
          output: [{ id: 'ig_1', type: 'image_generation_call', status: 'completed', result: 'RklOQUw=' }],
          usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
        },
      },
    ];
    // A response holding only a hosted tool call makes the SDK ask the model again.
    mock.reply({ events }, { text: ['Here it is.'] });
    const { events: out } = await serverHelpers(server).create('Draw a cat');
    const item = { type: 'generated_image', id: 'message_3', thread_id: 'thread_1', created_at: FIXED_TIME };
    expect(out).toEqual([
      { type: 'thread.item.added', item },
      {
        type: 'thread.item.updated',
        item_id: 'message_3',
        update: { type: 'generated_image.updated', image: { id: 'ig_1', url: 'data:image/png;base64,UEFSVA==' }, progress: 0.5 },
      },
      { type: 'thread.item.done', item: { ...item, image: { id: 'ig_1', url: 'data:image/png;base64,RklOQUw=' } } },
      ...streamedMessage('message_4', ['Here it is.']),
    ]);
  });
});
