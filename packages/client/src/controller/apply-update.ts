import type {
  AssistantMessageContent,
  AssistantMessageItem,
  ThreadItem,
  ThreadItemUpdate,
  WidgetComponent,
  WidgetItem,
  WorkflowItem,
} from '@chatwire/protocol';
import { updateComponent } from './widget-tree.js';

/**
 * The item after one `thread.item.updated` update, as a new object (the input is never
 * mutated), or `undefined` when the update does not fit the item (wrong item type, an index or
 * component that is not there): the caller reports it and keeps the item as it was.
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
            // Insert at the index the server names; past the end means append (as the reference folds it).
            const annotations = part.annotations.slice();
            annotations.splice(Math.min(update.annotation_index, annotations.length), 0, update.annotation);
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
      // Appended, as the reference folds it; well-behaved servers send `task_index` = the count.
      return item.type === 'workflow' ? setTasks(item, [...item.workflow.tasks, update.task]) : undefined;
    case 'workflow.task.updated': {
      if (item.type !== 'workflow' || update.task_index >= item.workflow.tasks.length) return undefined;
      const tasks = item.workflow.tasks.slice();
      tasks[update.task_index] = update.task;
      return setTasks(item, tasks);
    }
    case 'generated_image.updated':
      return item.type === 'generated_image' ? { ...item, image: update.image } : undefined;
    default:
      return assertNever(update);
  }
}

const EMPTY_PART: AssistantMessageContent = Object.freeze({ type: 'output_text', text: '', annotations: [] }) as AssistantMessageContent;

function setPart(
  item: AssistantMessageItem,
  index: number,
  change: (part: AssistantMessageContent) => AssistantMessageContent,
): AssistantMessageItem {
  const content = item.content.slice();
  // A part that was never announced is treated as empty, so text is never lost.
  while (content.length <= index) content.push(EMPTY_PART);
  content[index] = change(content[index] ?? EMPTY_PART);
  return { ...item, content };
}

function changeWidget(item: WidgetItem, componentId: string, change: Parameters<typeof updateComponent>[2]): WidgetItem | undefined {
  const widget = updateComponent(item.widget, componentId, change);
  return widget === item.widget ? undefined : { ...item, widget };
}

function setTasks(item: WorkflowItem, tasks: WorkflowItem['workflow']['tasks']): WorkflowItem {
  return { ...item, workflow: { ...item.workflow, tasks } };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled update: ${JSON.stringify(value)}`);
}
