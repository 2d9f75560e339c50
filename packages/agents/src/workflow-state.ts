import type { Task, ThreadStreamEvent, Workflow, WorkflowItem, WorkflowSummary } from '@chatwire/protocol';

export interface WorkflowDeps {
  threadId: string;
  newId: () => string;
  now: () => Date;
  emit: (event: ThreadStreamEvent) => void;
}

/**
 * The one workflow item a response may have open: tool tasks and reasoning thoughts collect in it
 * until something else is shown (an assistant message, a widget) or the response ends, when it is
 * closed with a duration summary. A custom workflow is announced with its first task, a reasoning
 * workflow at once (so the client can show "thinking" before the first thought arrives).
 */
export class WorkflowState {
  private item: WorkflowItem | undefined;
  private announced = false;
  private startedAt = 0;

  constructor(private readonly deps: WorkflowDeps) {}

  get current(): WorkflowItem | undefined {
    return this.item;
  }

  /** Opens a workflow (closing any open one first). */
  start(workflow: Workflow): WorkflowItem {
    if (this.item) this.end();
    const now = this.deps.now();
    this.startedAt = now.getTime();
    this.item = {
      type: 'workflow',
      id: this.deps.newId(),
      thread_id: this.deps.threadId,
      created_at: now.toISOString(),
      workflow: structuredClone(workflow),
    };
    this.announced = false;
    if (workflow.type === 'reasoning' || workflow.tasks.length > 0) this.announce();
    return this.item;
  }

  /** Appends a task, opening a custom workflow when none is open; returns the task's index. */
  addTask(task: Task): number {
    const item = this.item ?? this.start({ type: 'custom', tasks: [], expanded: false });
    const tasks = item.workflow.tasks;
    tasks.push(structuredClone(task));
    const index = tasks.length - 1;
    if (!this.announced) this.announce();
    else this.deps.emit(this.update({ type: 'workflow.task.added', task_index: index, task: structuredClone(task) }));
    return index;
  }

  updateTask(task: Task, index: number): void {
    const item = this.item;
    if (!item) throw new Error('There is no open workflow to update');
    if (index < 0 || index >= item.workflow.tasks.length) throw new Error(`The open workflow has no task ${index}`);
    item.workflow.tasks[index] = structuredClone(task);
    if (this.announced)
      this.deps.emit(this.update({ type: 'workflow.task.updated', task_index: index, task: structuredClone(task) }));
  }

  /**
   * Closes the open workflow with `summary` (default: how many seconds it ran). A workflow that
   * was never announced (no task ever arrived) is dropped without a trace.
   */
  end(summary?: WorkflowSummary, expanded = false): void {
    const item = this.item;
    if (!item) return;
    this.item = undefined;
    if (!this.announced) return;
    // A closed workflow runs nothing any more: no spinner may outlive it.
    for (const task of item.workflow.tasks) if (task.status_indicator === 'loading') task.status_indicator = 'complete';
    item.workflow.summary = summary ??
      item.workflow.summary ?? { duration: Math.max(0, Math.floor((this.deps.now().getTime() - this.startedAt) / 1000)) };
    item.workflow.expanded = expanded;
    this.deps.emit({ type: 'thread.item.done', item });
  }

  private announce(): void {
    this.announced = true;
    this.deps.emit({ type: 'thread.item.added', item: structuredClone(this.item!) });
  }

  private update(update: Extract<ThreadStreamEvent, { type: 'thread.item.updated' }>['update']): ThreadStreamEvent {
    return { type: 'thread.item.updated', item_id: this.item!.id, update };
  }
}
