import { Agent, tool } from '@openai/agents-core';
import type { ThreadStreamEvent, WidgetItem } from '@chatwire/protocol';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from './agent-context.js';
import { APPROVAL_ACTION } from './approvals/approval-card.js';
import { DENIED_MESSAGE, NOT_PENDING_NOTICE } from './approvals/approval-flow.js';
import { MemoryToolApprovalStore, type PendingToolApproval } from './approvals/tool-approval-store.js';
import { ALICE, mockModel, serverHelpers, AgentTestServer, type TestContext } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(() => mock.close());

const refunds: string[] = [];
const refund = tool({
  name: 'refund_order',
  description: 'Refund an order.',
  parameters: z.object({ order: z.string() }),
  needsApproval: true,
  execute: ({ order }) => {
    refunds.push(order);
    return `Refunded ${order}.`;
  },
});
const agent = new Agent<AgentContext, 'text'>({ name: 'Support', instructions: 'Help.', tools: [refund] });

function widgetOf(events: ThreadStreamEvent[]): WidgetItem {
  const found = events.find((event) => event.type === 'thread.item.done' && event.item.type === 'widget');
  if (found?.type !== 'thread.item.done' || found.item.type !== 'widget') throw new Error('no approval card');
  return found.item;
}

/** The tool outputs the model read in its last request (Chat Completions `role: "tool"`). */
function lastToolOutputs(): string {
  const body = mock.requests.at(-1)?.body as { messages?: { role: string; content: unknown }[] } | undefined;
  return JSON.stringify((body?.messages ?? []).filter((message) => message.role === 'tool'));
}

describe('a function tool that needs approval', () => {
  it('pauses at an approval card, stores the run without its context, and resumes it once on Approve', async () => {
    const approvals = new MemoryToolApprovalStore<TestContext>();
    const saved: PendingToolApproval[] = [];
    const server = new AgentTestServer({
      agent,
      model: mockModel(mock, 'chat_completions'),
      approvals: {
        savePendingApproval: async (approval, context) => {
          saved.push(approval);
          await approvals.savePendingApproval(approval, context);
        },
        takePendingApproval: (threadId, id, context) => approvals.takePendingApproval(threadId, id, context),
        takeThreadApprovals: (threadId, context) => approvals.takeThreadApprovals(threadId, context),
      },
    });
    const { create, send } = serverHelpers(server);
    mock.reply({ toolCalls: [{ name: 'refund_order', arguments: { order: 'A-17' } }] });
    const context: TestContext = { ...ALICE, token: 'secret-session-token-0123456789' };
    const { threadId, events } = await create('refund A-17', context);
    const card = widgetOf(events);
    expect(card.copy_text).toBe('Approval needed: refund_order');
    expect(refunds).toEqual([]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.calls).toEqual([{ name: 'refund_order', arguments: '{"order":"A-17"}' }]);
    expect(saved[0]!.state).not.toContain('secret-session-token');
    expect(JSON.parse(saved[0]!.state).context.context).toEqual({});

    // Another user cannot decide it: to them it does not exist.
    const bob = await send(
      'threads.custom_action',
      { thread_id: threadId, item_id: card.id, action: { type: APPROVAL_ACTION, payload: { decision: 'approve' } } },
      { userId: 'bob' },
    ).catch((error: unknown) => error);
    expect(bob).toBeInstanceOf(Error);

    mock.reply({ text: ['Refunded.'] });
    const approved = await send(
      'threads.custom_action',
      { thread_id: threadId, item_id: card.id, action: { type: APPROVAL_ACTION, payload: { decision: 'approve' } } },
      context,
    );
    expect(refunds).toEqual(['A-17']);
    expect(lastToolOutputs()).toContain('Refunded A-17.');
    const replaced = approved.find((event) => event.type === 'thread.item.replaced');
    expect(replaced?.type === 'thread.item.replaced' && replaced.item.type === 'widget' && replaced.item.copy_text).toBe(
      'Approved: refund_order',
    );

    const twice = await send(
      'threads.custom_action',
      { thread_id: threadId, item_id: card.id, action: { type: APPROVAL_ACTION, payload: { decision: 'approve' } } },
      context,
    );
    expect(twice.filter((event) => event.type === 'notice')).toEqual([
      { type: 'notice', level: 'info', message: NOT_PENDING_NOTICE },
    ]);
    expect(refunds).toEqual(['A-17']);
  });

  it('Deny: the tool never runs and the model reads the refusal', async () => {
    refunds.length = 0;
    const server = new AgentTestServer({ agent, model: mockModel(mock, 'chat_completions') });
    const { create, send } = serverHelpers(server);
    mock.reply({ toolCalls: [{ name: 'refund_order', arguments: { order: 'B-2' } }] });
    const { threadId, events } = await create('refund B-2');
    const card = widgetOf(events);
    mock.reply({ text: ['Not refunded.'] });
    await send('threads.custom_action', {
      thread_id: threadId,
      item_id: card.id,
      action: { type: APPROVAL_ACTION, payload: { decision: 'deny' } },
    });
    expect(refunds).toEqual([]);
    expect(lastToolOutputs()).toContain(DENIED_MESSAGE);
  });

  it('a new message while a card waits drops the paused run: the card says so, and its buttons do nothing', async () => {
    refunds.length = 0;
    const server = new AgentTestServer({ agent, model: mockModel(mock, 'chat_completions') });
    const { create, add, send } = serverHelpers(server);
    mock.reply({ toolCalls: [{ name: 'refund_order', arguments: { order: 'C-3' } }] });
    const { threadId, events } = await create('refund C-3');
    const card = widgetOf(events);
    mock.reply({ text: ['Sure, what else?'] });
    const moved = await add(threadId, 'never mind, something else');
    const replaced = moved.find((event) => event.type === 'thread.item.replaced');
    expect(replaced?.type === 'thread.item.replaced' && replaced.item.id).toBe(card.id);
    expect(JSON.stringify(replaced)).toContain('Not run: the conversation moved on');
    expect(JSON.stringify(replaced)).not.toContain('"label":"Approve"');
    const stored = await server.store.loadItem(threadId, card.id, ALICE);
    expect(stored.type === 'widget' && stored.copy_text).toBe('Not run: the conversation moved on: refund_order');

    const late = await send('threads.custom_action', {
      thread_id: threadId,
      item_id: card.id,
      action: { type: APPROVAL_ACTION, payload: { decision: 'approve' } },
    });
    expect(late.filter((event) => event.type === 'notice')).toEqual([
      { type: 'notice', level: 'info', message: NOT_PENDING_NOTICE },
    ]);
    expect(refunds).toEqual([]);
  });
});
