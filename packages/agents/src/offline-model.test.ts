import type { ThreadStreamEvent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { createDefaultAssistant } from './default-assistant.js';
import { createModel } from './model-config.js';
import { OFFLINE_NOTICE } from './offline-notice.js';
import { AgentTestServer, FIXED_TIME, serverHelpers, type TestContext } from './test-support/agent-server.js';

const visitor: TestContext = {
  userId: 'bob',
  user: { name: 'Bob' },
  page: {
    url: 'https://acme.example/pricing',
    title: 'Acme Cloud pricing',
    description: 'Plans and prices for Acme Cloud hosting.',
    headings: ['Starter plan', 'Team plan', 'Refund policy', 'Frequently asked questions'],
  },
};

function offlineServer(titles = false) {
  return new AgentTestServer({
    agent: createDefaultAssistant(),
    model: createModel({ kind: 'offline' }, { offline: { wordDelayMs: 0 } }),
    titles,
  });
}

function answerText(events: ThreadStreamEvent[]): string {
  const done = events.findLast((event) => event.type === 'thread.item.done' && event.item.type === 'assistant_message');
  if (done?.type !== 'thread.item.done' || done.item.type !== 'assistant_message') throw new Error('no answer');
  return done.item.content.map((part) => part.text).join('');
}

describe('the offline model', () => {
  it('answers a question about the page from the page context, after its notice and a visible tool step', async () => {
    const { events } = await serverHelpers(offlineServer()).create('How do refunds work here?', visitor);
    const task = (status: string) => ({ type: 'custom', title: 'Read page context', status_indicator: status });
    const workflow = { type: 'workflow', id: 'workflow_3', thread_id: 'thread_1', created_at: FIXED_TIME };
    expect(events.slice(0, 4)).toEqual([
      OFFLINE_NOTICE,
      {
        type: 'thread.item.added',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('loading')], expanded: false } },
      },
      {
        type: 'thread.item.updated',
        item_id: 'workflow_3',
        update: { type: 'workflow.task.updated', task_index: 0, task: task('complete') },
      },
      {
        type: 'thread.item.done',
        item: { ...workflow, workflow: { type: 'custom', tasks: [task('complete')], summary: { duration: 0 }, expanded: false } },
      },
    ]);
    expect(OFFLINE_NOTICE.message).toMatch(/OPENAI_API_KEY/);
    expect(OFFLINE_NOTICE.message).toMatch(/OPENAI_BASE_URL/);
    // Streamed word by word…
    const deltas = events.filter(
      (event) => event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta',
    );
    expect(deltas.length).toBeGreaterThan(5);
    // …and drawn from the page: the matching section, by name.
    expect(answerText(events)).toContain('Refund policy');
    expect(answerText(events)).toContain('Acme Cloud pricing');
  });

  it('opens only the first reply of a thread with its notice, and recalls what the user said earlier', async () => {
    const helpers = serverHelpers(offlineServer());
    const { threadId } = await helpers.create('My favourite colour is teal.', visitor);
    const second = await helpers.add(threadId, 'What did I say about my favourite colour?', visitor);
    expect(second.some((event) => event.type === 'notice')).toBe(false);
    expect(answerText(second)).toContain('My favourite colour is teal.');
  });

  it('says what it can do, and how to get a real model, when nothing matches', async () => {
    const { events } = await serverHelpers(offlineServer()).create('Explain quantum chromodynamics', { userId: 'carol' });
    const answer = answerText(events);
    expect(answer).toMatch(/offline model/);
    expect(answer).toMatch(/OPENAI_API_KEY/);
  });

  it('summarises the page when asked what the page is about', async () => {
    const { events } = await serverHelpers(offlineServer()).create('What is this page about?', visitor);
    expect(answerText(events)).toContain('Plans and prices for Acme Cloud hosting.');
  });

  it('answers "What does the Team plan cost?" from the Team heading, not the page description, and names the thread "Team plan cost"', async () => {
    const context: TestContext = {
      userId: 'dana',
      page: {
        url: 'https://shop.example.test/pricing',
        title: 'Pricing',
        description: 'Plans for teams of every size, billed monthly or yearly.',
        headings: ['Starter: free for one user', 'Team: $12 per seat per month', 'Enterprise: talk to sales'],
      },
    };
    const { events } = await serverHelpers(offlineServer(true)).create('What does the Team plan cost?', context);
    expect(answerText(events)).toMatch(/^The section \*\*Team: \$12 per seat per month\*\* of “Pricing” is the closest match/);
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { title: 'Team plan cost' } });
  });

  it('names the thread after its first message, with no model call', async () => {
    const { events } = await serverHelpers(offlineServer(true)).create('How do refunds work here?', visitor);
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { title: 'Refunds work' } });
  });
});
