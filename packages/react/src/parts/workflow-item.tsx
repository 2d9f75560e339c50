import type { Task, TaskItem, WorkflowItem } from '@chatwire/protocol';

/** A one-line name for a task of any type. */
export function taskTitle(task: Task): string {
  switch (task.type) {
    case 'custom':
      return task.title ?? task.content ?? 'Step';
    case 'web_search':
      return (
        task.title ??
        (task.title_query
          ? `Searched for ${task.title_query}`
          : task.queries.length
            ? `Searched for ${task.queries.join(', ')}`
            : 'Web search')
      );
    case 'thought':
      return task.title ?? 'Thought';
    case 'file':
      return task.title ?? (task.sources.length ? task.sources.map((source) => source.filename).join(', ') : 'Files');
    case 'image':
      return task.title ?? 'Image';
  }
}

const STATUS_TEXT = { loading: 'in progress', complete: 'done', none: '' } as const;

function TaskLine({ task }: { task: Task }) {
  const status = task.status_indicator;
  return (
    <span className="cw-task" data-task-status={status}>
      <span className="cw-task-mark" aria-hidden="true" />
      <span className="cw-task-title">{taskTitle(task)}</span>
      {status !== 'none' ? <span className="cw-task-status">{STATUS_TEXT[status]}</span> : null}
    </span>
  );
}

function summaryText(item: WorkflowItem): string {
  const { summary, tasks } = item.workflow;
  if (summary && 'title' in summary) return summary.title;
  if (summary && 'duration' in summary)
    return summary.duration < 1 ? 'Worked for less than a second' : `Worked for ${summary.duration} s`;
  return tasks.some((task) => task.status_indicator === 'loading')
    ? 'Working'
    : item.workflow.type === 'reasoning'
      ? 'Reasoning'
      : 'Steps';
}

/** A workflow as its summary and one line per task with its status. */
export function WorkflowView({ item }: { item: WorkflowItem }) {
  return (
    <div className="cw-item cw-workflow" data-item-type="workflow" data-item-id={item.id}>
      <p className="cw-workflow-summary">{summaryText(item)}</p>
      <ul className="cw-task-list">
        {item.workflow.tasks.map((task, i) => (
          <li key={i}>
            <TaskLine task={task} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TaskView({ item }: { item: TaskItem }) {
  return (
    <div className="cw-item cw-task-item" data-item-type="task" data-item-id={item.id}>
      <TaskLine task={item.task} />
    </div>
  );
}
