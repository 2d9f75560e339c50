import type { ThreadItem, WidgetItem, WorkflowItem } from './items.js';
import { mapComponents } from './widget-tree.js';

/**
 * What a stopped reply keeps of an item that was still streaming: the item as the user last saw
 * it, with nothing left marked as in progress (the stream that would have finished it is gone),
 * or `undefined` when it showed nothing worth keeping. The server stores this on cancellation and
 * the client shows the same right after a stop, so a reload changes nothing.
 *
 * - an assistant message, when some part has non-blank text (as the reference keeps it);
 * - a widget: it was drawn whole from its first event; components still `streaming` stop;
 * - a workflow with at least one task: the steps that led to the partial answer; tasks still
 *   `loading` lose the spinner (`none`: they neither finished nor are running);
 * - a generated image once it has an image (a partial one is what the user saw).
 *
 * Anything else (a pending client tool call, an empty message or workflow, an image not yet
 * drawn) is dropped. The reference drops widgets, workflows and images too; losing what the user
 * already saw is the bug this departs from.
 */
export function keptOnCancel(item: ThreadItem): ThreadItem | undefined {
  switch (item.type) {
    case 'assistant_message':
      return item.content.some((part) => part.text.trim() !== '') ? item : undefined;
    case 'widget':
      return settledWidget(item);
    case 'workflow':
      return item.workflow.tasks.length > 0 ? settledWorkflow(item) : undefined;
    case 'generated_image':
      return item.image ? item : undefined;
    default:
      return undefined;
  }
}

function settledWidget(item: WidgetItem): WidgetItem {
  const widget = mapComponents(item.widget, (component) =>
    component.streaming === true ? { ...component, streaming: false } : component,
  );
  return widget === item.widget ? item : { ...item, widget };
}

function settledWorkflow(item: WorkflowItem): WorkflowItem {
  if (!item.workflow.tasks.some((task) => task.status_indicator === 'loading')) return item;
  const tasks = item.workflow.tasks.map((task) =>
    task.status_indicator === 'loading' ? { ...task, status_indicator: 'none' as const } : task,
  );
  return { ...item, workflow: { ...item.workflow, tasks } };
}
