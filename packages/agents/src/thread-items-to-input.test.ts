import type { ThreadItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { buildHistory, estimateTokens } from './history-budget.js';
import { threadItemsToInput } from './thread-items-to-input.js';

const base = { thread_id: 'thr', created_at: '2025-01-01T00:00:00.000Z' };
const user = (id: string, text: string, extra: object = {}): ThreadItem => ({
  ...base,
  id,
  type: 'user_message',
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
  ...extra,
});
const assistant = (id: string, text: string): ThreadItem => ({
  ...base,
  id,
  type: 'assistant_message',
  content: [{ type: 'output_text', text, annotations: [] }],
});
const userNote = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

describe('thread items as model input', () => {
  it('keeps roles: user and assistant messages become user and assistant messages', async () => {
    expect(await threadItemsToInput([user('u1', 'Hi'), assistant('a1', 'Hello!')])).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
      { type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello!' }] },
    ]);
  });

  it('renders @-mentions inline and describes each mentioned entity once', async () => {
    const tag = { type: 'input_tag' as const, id: 'p1', text: 'Ada', data: { role: 'engineer' }, interactive: false };
    const input = await threadItemsToInput([
      user('u1', '', { content: [{ type: 'input_text', text: 'Ask ' }, tag, { type: 'input_text', text: ' and ' }, tag] }),
    ]);
    expect(input[0]).toEqual({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Ask @Ada and @Ada' }] });
    expect(input).toHaveLength(2);
    expect(JSON.stringify(input[1])).toContain('- Ada: {\\"role\\":\\"engineer\\"}');
  });

  it('sends quoted text for the current message only', async () => {
    const items = [
      user('u1', 'Old', { quoted_text: 'old quote' }),
      assistant('a1', 'Ok'),
      user('u2', 'New', { quoted_text: 'new quote' }),
    ];
    const text = JSON.stringify(await threadItemsToInput(items));
    expect(text).toContain('new quote');
    expect(text).not.toContain('old quote');
  });

  it('describes attachments by a short note naming the file, unless a hook says otherwise', async () => {
    const attachment = { id: 'atc_1', type: 'file' as const, name: 'report.pdf', mime_type: 'application/pdf' };
    const item = user('u1', 'See attached', { attachments: [attachment] });
    expect(await threadItemsToInput([item])).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'See attached' },
          {
            type: 'input_text',
            text: '[The user attached a file: "report.pdf" (application/pdf). Its contents are not available to you.]',
          },
        ],
      },
    ]);
    const hooked = await threadItemsToInput([item], {
      attachment: (a) => [{ type: 'input_file', file: { url: `https://files.example/${a.id}` } }],
    });
    expect(hooked[0]).toMatchObject({
      content: [{ text: 'See attached' }, { type: 'input_file', file: { url: 'https://files.example/atc_1' } }],
    });
  });

  it('replays a completed client tool call as call plus output, and leaves a pending one out', async () => {
    const call = (status: 'pending' | 'completed'): ThreadItem => ({
      ...base,
      id: `tc_${status}`,
      type: 'client_tool_call',
      status,
      call_id: `call_${status}`,
      name: 'pick_color',
      arguments: { palette: 'warm' },
      ...(status === 'completed' && { output: { color: 'red' } }),
    });
    expect(await threadItemsToInput([call('completed'), call('pending')])).toEqual([
      {
        type: 'function_call',
        callId: 'call_completed',
        name: 'pick_color',
        arguments: '{"palette":"warm"}',
        status: 'completed',
      },
      {
        type: 'function_call_result',
        callId: 'call_completed',
        name: 'pick_color',
        status: 'completed',
        output: '{"color":"red"}',
      },
    ]);
  });

  it('turns hidden context, widgets, custom tasks, structured input and generated images into notes; thoughts and end-of-turn into nothing', async () => {
    const items: ThreadItem[] = [
      { ...base, id: 'h1', type: 'hidden_context_item', content: 'The user is on the trial plan.' },
      { ...base, id: 'h2', type: 'sdk_hidden_context', content: 'The user stopped the last reply.' },
      { ...base, id: 'w1', type: 'widget', widget: { type: 'Card', children: [] } },
      {
        ...base,
        id: 'wf1',
        type: 'workflow',
        workflow: {
          type: 'custom',
          tasks: [
            { type: 'custom', title: 'Searched orders', content: '3 found', status_indicator: 'complete' },
            { type: 'thought', content: 'private musing', status_indicator: 'none' },
          ],
          expanded: false,
        },
      },
      {
        ...base,
        id: 'si1',
        type: 'structured_input',
        status: 'answered',
        inputs: [
          { id: 'q1', type: 'freeform', question: 'Your city?', answer: { values: ['Lisbon'], skipped: false } },
          { id: 'q2', type: 'multiple_choice', question: 'Budget?', options: [{ value: 'low' }], multiple: false },
        ],
      },
      { ...base, id: 'img1', type: 'generated_image', image: { id: 'ig', url: 'https://img.example/cat.png' } },
      { ...base, id: 'eot', type: 'end_of_turn' },
    ];
    const input = await threadItemsToInput(items);
    expect(input).toEqual([
      userNote(
        'Context for you that the user does not see:\n<hidden_context>\nThe user is on the trial plan.\n</hidden_context>',
      ),
      userNote(
        'Context for you that the user does not see:\n<hidden_context>\nThe user stopped the last reply.\n</hidden_context>',
      ),
      userNote('The user was shown an interactive widget (id w1). Its definition as JSON:\n{"type":"Card","children":[]}'),
      userNote('The user was shown that this step was carried out:\n<task>\nSearched orders: 3 found\n</task>'),
      userNote(
        'The user was asked for structured input; the request is now answered.\n<structured_input>\n- Your city?: Lisbon\n- Budget?: unanswered\n</structured_input>',
      ),
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'This image was generated earlier in the conversation.' },
          { type: 'input_image', image: 'https://img.example/cat.png', detail: 'auto' },
        ],
      },
    ]);
  });
});

describe('the history budget', () => {
  it('never drops the current turn, even when it alone is over budget', async () => {
    const history = await buildHistory([user('u1', 'old'), assistant('a1', 'old answer'), user('u2', 'x'.repeat(400))], {
      maxTokens: 10,
      charsPerToken: 4,
    });
    expect(history.droppedTurns).toBe(1);
    expect(history.current).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x'.repeat(400) }] },
    ]);
  });

  it('drops whole turns, so a client tool call is never separated from its output', async () => {
    const call: ThreadItem = {
      ...base,
      id: 'tc',
      type: 'client_tool_call',
      status: 'completed',
      call_id: 'c1',
      name: 'pick',
      arguments: {},
      output: 'blue',
    };
    const items = [user('u1', 'a'.repeat(200)), call, assistant('a1', 'done'), user('u2', 'next')];
    const current = await buildHistory(items.slice(3), { maxTokens: 1_000, charsPerToken: 4 });
    const budget = estimateTokens(current.current) + 60;
    const history = await buildHistory(items, { maxTokens: budget, charsPerToken: 4 });
    const types = history.earlier.map((item) => item.type);
    expect(types.filter((type) => type === 'function_call').length).toBe(
      types.filter((type) => type === 'function_call_result').length,
    );
  });
});
