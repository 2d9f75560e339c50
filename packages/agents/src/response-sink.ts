import type { ThreadItem, ThreadStreamEvent } from '@chatwire/protocol';
import type { StoreItemType } from '@chatwire/server';
import { EventQueue } from './event-queue.js';
import { WorkflowState } from './workflow-state.js';

/** Items that may appear while a workflow is open without closing it. */
const BESIDE_WORKFLOW: ReadonlySet<ThreadItem['type']> = new Set([
  'client_tool_call',
  'hidden_context_item',
  'sdk_hidden_context',
]);

/**
 * Where every event of one agent response goes, in the order it happens: converted model output,
 * events tools stream through the `AgentContext`, and tool tasks from run hooks all push here
 * synchronously, and the responder yields from `queue`. Also remembers which items this response
 * produced, so a guardrail trip can take them all back.
 */
export class ResponseSink {
  readonly queue = new EventQueue<ThreadStreamEvent>();
  readonly produced: string[] = [];
  readonly workflow: WorkflowState;
  private readonly seen = new Set<string>();

  constructor(
    readonly threadId: string,
    readonly newId: (kind: StoreItemType) => string,
    readonly now: () => Date,
  ) {
    this.workflow = new WorkflowState({ threadId, newId: () => newId('workflow'), now, emit: (event) => this.emit(event) });
  }

  emit(event: ThreadStreamEvent): void {
    if (event.type === 'thread.item.added' || event.type === 'thread.item.done' || event.type === 'thread.item.replaced') {
      this.remember(event.item.id);
    }
    this.queue.push(event);
  }

  /** Called before a new item is shown: an open workflow ends unless the item belongs beside it. */
  beforeItem(item: ThreadItem): void {
    const open = this.workflow.current;
    if (open && open.id !== item.id && !BESIDE_WORKFLOW.has(item.type)) this.workflow.end();
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  private remember(id: string): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.produced.push(id);
  }
}
