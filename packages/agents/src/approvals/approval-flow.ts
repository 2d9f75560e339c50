import type { Action, ThreadMetadata, ThreadStreamEvent, WidgetItem } from '@chatwire/protocol';
import type { Store } from '@chatwire/server';
import { RunContext, RunState, type RunToolApprovalItem } from '@openai/agents-core';
import type { AgentContext } from '../agent-context.js';
import type { ChatAgent } from '../chat-agent.js';
import { approvalCard, approvalCopyText, ApprovalPayload, type ApprovalDecision } from './approval-card.js';
import type { PendingToolApproval, ToolApprovalStore } from './tool-approval-store.js';

/** What the model reads as the result of a call the user denied. */
export const DENIED_MESSAGE = 'The user denied this tool call. Do not retry it; tell the user it was not done.';
/** The notice for a decision on a card that is no longer waiting (decided in another tab, or not the caller's). */
export const NOT_PENDING_NOTICE = 'This approval is no longer pending.';

type AgentState<TContext> = RunState<AgentContext<TContext>, ChatAgent<TContext>>;

/**
 * The run paused at tool calls that need approval: the paused run is stored and the approval card
 * (a widget item with "Approve" / "Deny") is shown in its place.
 */
export async function pauseForApproval<TContext>(input: {
  state: AgentState<TContext>;
  interruptions: readonly RunToolApprovalItem[];
  agentContext: AgentContext<TContext>;
  approvals: ToolApprovalStore<TContext>;
  now: () => Date;
}): Promise<void> {
  const { agentContext } = input;
  const thread = agentContext.thread;
  const calls = input.interruptions.map((item) => ({ name: item.name ?? 'tool', arguments: item.arguments ?? '' }));
  const item: WidgetItem = {
    type: 'widget',
    id: agentContext.generateId('message'),
    thread_id: thread.id,
    created_at: input.now().toISOString(),
    widget: approvalCard(calls),
    copy_text: approvalCopyText(calls),
  };
  await input.approvals.savePendingApproval(
    { id: item.id, threadId: thread.id, calls, state: serialized(input.state), createdAt: item.created_at },
    agentContext.requestContext,
  );
  agentContext.stream({ type: 'thread.item.done', item });
}

/**
 * The run state as text, without its context: the SDK would store the run context as it is, and
 * ours holds the user's request context, the stores and the signal. It is put back on resume
 * (`resumedState`), so nothing of it needs keeping.
 */
function serialized<TContext>(state: AgentState<TContext>): string {
  const runContext: { context: unknown } = state._context;
  const own = runContext.context;
  runContext.context = {};
  try {
    return state.toString();
  } finally {
    runContext.context = own;
  }
}

/** A decision the user sent from an approval card, taken from the store (so it applies once). */
export interface TakenDecision {
  pending: PendingToolApproval;
  decision: ApprovalDecision;
  /** The card, decided: replaces the pending one in the thread. */
  replaced: ThreadStreamEvent;
}

export async function takeDecision<TContext>(input: {
  thread: ThreadMetadata;
  action: Action;
  sender: WidgetItem | null;
  context: TContext;
  approvals: ToolApprovalStore<TContext>;
  store: Store<TContext>;
}): Promise<TakenDecision | null> {
  const payload = ApprovalPayload.safeParse(input.action.payload);
  if (!payload.success || input.sender === null) return null;
  const pending = await input.approvals.takePendingApproval(input.thread.id, input.sender.id, input.context);
  if (!pending) return null;
  const decision = payload.data.decision;
  const item: WidgetItem = {
    ...input.sender,
    widget: approvalCard(pending.calls, decision),
    copy_text: approvalCopyText(pending.calls, decision),
  };
  return { pending, decision, replaced: { type: 'thread.item.replaced', item } };
}

/** The paused run, rebuilt around this reply's context, with the user's decision applied to every waiting call. */
export async function resumedState<TContext>(
  agent: ChatAgent<TContext>,
  taken: TakenDecision,
  agentContext: AgentContext<TContext>,
): Promise<AgentState<TContext>> {
  const state: AgentState<TContext> = await RunState.fromStringWithContext(
    agent,
    taken.pending.state,
    new RunContext(agentContext),
    { contextStrategy: 'merge' },
  );
  for (const item of state.getInterruptions()) {
    if (taken.decision === 'approve') state.approve(item);
    else state.reject(item, { message: DENIED_MESSAGE });
  }
  return state;
}

/**
 * Cards still waiting in a thread that moved on (a new message arrived): their runs are dropped
 * and each card is replaced by one saying so, without buttons.
 */
export async function* dropStaleApprovals<TContext>(input: {
  thread: ThreadMetadata;
  context: TContext;
  approvals: ToolApprovalStore<TContext>;
  store: Store<TContext>;
}): AsyncGenerator<ThreadStreamEvent> {
  const stale = await input.approvals.takeThreadApprovals(input.thread.id, input.context);
  for (const pending of stale) {
    const item = await input.store.loadItem(input.thread.id, pending.id, input.context).catch(() => null);
    if (item?.type !== 'widget') continue;
    yield {
      type: 'thread.item.replaced',
      item: { ...item, widget: approvalCard(pending.calls, 'dropped'), copy_text: approvalCopyText(pending.calls, 'dropped') },
    };
  }
}
