import type { AssistantMessageContent, AssistantMessageItem, ThreadItem, WidgetItem, WorkflowItem } from './items.js';
import type { ThreadItemUpdate } from './updates.js';
import { updateComponent } from './widget-tree.js';
import type { WidgetComponent } from './widgets.js';

/**
 * How far past the last content part an update may point. The parts in between start empty (a
 * server that skipped an announcement loses no text); an index further out is a broken or hostile
 * stream, and padding to it would allocate an array of any size the stream names.
 */
export const MAX_SKIPPED_CONTENT_PARTS = 16;

/**
 * The item after one `thread.item.updated` update, or `undefined` when the update does not fit
 * the item (another item type, an index out of range, a component id that is not in the widget):
 * the caller keeps the item as it was. The input is never mutated: the result is a new item in
 * which only the changed path is copied and every untouched part, task or component keeps its
 * identity. The result may share objects with `update`; a caller that goes on to mutate either
 * must copy first.
 *
 * Indexes: `content_index` may be at most `MAX_SKIPPED_CONTENT_PARTS` past the end (missing
 * parts start empty); `annotation_index` past the end appends; `workflow.task.added` appends
 * whatever its `task_index` says; `workflow.task.updated` must name an existing task. This is
 * how the reference client and server fold updates, bounded.
 */
export function applyItemUpdate(item: ThreadItem, update: ThreadItemUpdate): ThreadItem | undefined {
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      return item.type === 'assistant_message' ? setPart(item, update.content_index, () => update.content) : undefined;
    case 'assistant_message.content_part.text_delta':
      return item.type === 'assistant_message'
        ? setPart(item, update.content_index, (part) => ({ ...part, text: part.text + update.delta }))
        : undefined;
    case 'assistant_message.content_part.annotation_added':
      return item.type === 'assistant_message'
        ? setPart(item, update.content_index, (part) => {
            const annotations = part.annotations.slice();
            annotations.splice(clampIndex(update.annotation_index, annotations.length), 0, update.annotation);
            return { ...part, annotations };
          })
        : undefined;
    case 'widget.streaming_text.value_delta':
      return item.type === 'widget'
        ? changeWidget(item, update.component_id, (component) => {
            const value = typeof component.value === 'string' ? component.value : '';
            const next: WidgetComponent = { ...component, value: value + update.delta };
            if (update.done && next.streaming === true) next.streaming = false;
            return next;
          })
        : undefined;
    case 'widget.component.updated':
      return item.type === 'widget' ? changeWidget(item, update.component_id, () => update.component) : undefined;
    case 'widget.root.updated':
      return item.type === 'widget' ? { ...item, widget: update.widget } : undefined;
    case 'workflow.task.added':
      return item.type === 'workflow' ? setTasks(item, [...item.workflow.tasks, update.task]) : undefined;
    case 'workflow.task.updated': {
      if (item.type !== 'workflow' || !isIndex(update.task_index, item.workflow.tasks.length - 1)) return undefined;
      const tasks = item.workflow.tasks.slice();
      tasks[update.task_index] = update.task;
      return setTasks(item, tasks);
    }
    case 'generated_image.updated':
      return item.type === 'generated_image' ? { ...item, image: update.image } : undefined;
    default:
      return fitsNothing(update);
  }
}

function setPart(
  item: AssistantMessageItem,
  index: number,
  change: (part: AssistantMessageContent) => AssistantMessageContent,
): AssistantMessageItem | undefined {
  if (!isIndex(index, item.content.length + MAX_SKIPPED_CONTENT_PARTS)) return undefined;
  const content = item.content.slice();
  while (content.length <= index) content.push({ type: 'output_text', text: '', annotations: [] });
  content[index] = change(content[index]!);
  return { ...item, content };
}

function changeWidget(
  item: WidgetItem,
  componentId: string,
  change: (component: WidgetComponent) => WidgetComponent,
): WidgetItem | undefined {
  const widget = updateComponent(item.widget, componentId, change);
  return widget === item.widget ? undefined : { ...item, widget };
}

function setTasks(item: WorkflowItem, tasks: WorkflowItem['workflow']['tasks']): WorkflowItem {
  return { ...item, workflow: { ...item.workflow, tasks } };
}

/** A whole number from 0 to `max`; updates built in code (not parsed) can carry anything. */
function isIndex(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

function clampIndex(value: number, length: number): number {
  return Number.isInteger(value) && value >= 0 ? Math.min(value, length) : length;
}

/** Exhaustive at compile time; at run time an update type this version does not know fits no item. */
function fitsNothing(_update: never): undefined {
  return undefined;
}
