import type { Task, TaskItem, WorkflowItem } from '@chatwire/protocol';
import type { ItemStrings } from '../strings/item-strings.js';
import { useStrings } from '../strings/use-strings.js';

/** A one-line name for a task of any type. */
export function taskTitle(task: Task, strings: ItemStrings): string {
  switch (task.type) {
    case 'custom':
      return task.title ?? task.content ?? strings.taskStep;
    case 'web_search':
      return (
        task.title ??
        (task.title_query
          ? strings.searchedFor(task.title_query)
          : task.queries.length
            ? strings.searchedFor(task.queries.join(', '))
            : strings.taskWebSearch)
      );
    case 'thought':
      return task.title ?? strings.taskThought;
    case 'file':
      return task.title ?? (task.sources.length ? task.sources.map((source) => source.filename).join(', ') : strings.taskFiles);
    case 'image':
      return task.title ?? strings.taskImage;
  }
}

function TaskLine({ task }: { task: Task }) {
  const strings = useStrings();
  const status = task.status_indicator;
  return (
    <span className="cw-task" data-task-status={status} data-task-type={task.type}>
      <span className="cw-task-mark" aria-hidden="true" />
      <span className="cw-task-title">{taskTitle(task, strings)}</span>
      {status !== 'none' ? (
        <span className="cw-task-status">{status === 'loading' ? strings.taskInProgress : strings.taskDone}</span>
      ) : null}
    </span>
  );
}

/** A task's line, and under it what a thought (the model's reasoning) or a custom step says. */
function TaskEntry({ task }: { task: Task }) {
  const detail = task.type === 'thought' ? task.content : task.type === 'custom' && task.title ? task.content : undefined;
  return (
    <>
      <TaskLine task={task} />
      {detail ? <p className={task.type === 'thought' ? 'cw-thought' : 'cw-task-detail'}>{detail}</p> : null}
    </>
  );
}

function summaryText(item: WorkflowItem, strings: ItemStrings): string {
  const { summary, tasks } = item.workflow;
  if (summary && 'title' in summary) return summary.title;
  if (summary && 'duration' in summary) return strings.workedFor(summary.duration);
  return tasks.some((task) => task.status_indicator === 'loading')
    ? strings.workflowWorking
    : item.workflow.type === 'reasoning'
      ? strings.workflowReasoning
      : strings.workflowSteps;
}

/**
 * A workflow: a summary that opens and closes the list of its tasks. Reasoning shows as thoughts.
 * Open while it runs (or when the server marks it `expanded`); once done it folds to its summary.
 */
export function WorkflowView({ item, streaming = false }: { item: WorkflowItem; streaming?: boolean }) {
  const strings = useStrings();
  const running = streaming || item.workflow.tasks.some((task) => task.status_indicator === 'loading');
  const open = item.workflow.expanded || running || !item.workflow.summary;
  return (
    <div className="cw-item cw-workflow" data-item-type="workflow" data-item-id={item.id} data-workflow-type={item.workflow.type}>
      <details className="cw-workflow-details" open={open}>
        <summary className="cw-workflow-summary" aria-busy={running || undefined}>
          {summaryText(item, strings)}
        </summary>
        <ul className="cw-task-list">
          {item.workflow.tasks.map((task, i) => (
            <li key={i}>
              <TaskEntry task={task} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export function TaskView({ item }: { item: TaskItem }) {
  return (
    <div className="cw-item cw-task-item" data-item-type="task" data-item-id={item.id}>
      <TaskEntry task={item.task} />
    </div>
  );
}
