import type { ThoughtTask } from '@chatwire/protocol';
import type { ResponseSink } from './response-sink.js';

interface Streaming {
  workflowId: string;
  itemId: string;
  summaryIndex: number;
  taskIndex: number;
  task: ThoughtTask;
}

/**
 * Reasoning summaries as thought tasks of a `reasoning` workflow. The first summary of a fresh
 * reasoning workflow streams as it is written (so the user sees thinking early); later summaries
 * arrive whole when they are done.
 */
export class ReasoningThoughts {
  private streaming: Streaming | undefined;

  constructor(private readonly sink: ResponseSink) {}

  /** The model started reasoning: open a reasoning workflow unless a workflow is already open. */
  begin(): void {
    if (!this.sink.workflow.current) this.sink.workflow.start({ type: 'reasoning', tasks: [], expanded: false });
  }

  delta(itemId: string, summaryIndex: number, delta: string): void {
    const workflow = this.sink.workflow.current;
    if (!workflow) return;
    const current = this.matching(workflow.id, itemId, summaryIndex);
    if (current) {
      current.task.content += delta;
      this.sink.workflow.updateTask(current.task, current.taskIndex);
      return;
    }
    if (workflow.workflow.type !== 'reasoning' || workflow.workflow.tasks.length > 0) return;
    const task: ThoughtTask = { type: 'thought', content: delta, status_indicator: 'none' };
    const taskIndex = this.sink.workflow.addTask(task);
    this.streaming = { workflowId: workflow.id, itemId, summaryIndex, taskIndex, task };
  }

  done(itemId: string, summaryIndex: number, text: string): void {
    const workflow = this.sink.workflow.current;
    if (!workflow) return;
    const current = this.matching(workflow.id, itemId, summaryIndex);
    if (current) {
      current.task.content = text;
      this.sink.workflow.updateTask(current.task, current.taskIndex);
      this.streaming = undefined;
      return;
    }
    this.sink.workflow.addTask({ type: 'thought', content: text, status_indicator: 'none' });
  }

  private matching(workflowId: string, itemId: string, summaryIndex: number): Streaming | undefined {
    const current = this.streaming;
    if (current && current.workflowId === workflowId && current.itemId === itemId && current.summaryIndex === summaryIndex)
      return current;
    return undefined;
  }
}
