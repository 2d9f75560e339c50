import {
  childrenOf,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type WidgetComponent,
  type WidgetItem,
  type WidgetRoot,
  type WidgetRootUpdated,
  type WidgetStreamingTextValueDelta,
} from '@chatwire/protocol';
import { defaultGenerateId, type StoreItemType } from './ids.js';
import { jsonEqual } from './json-equal.js';

export type WidgetUpdate = WidgetRootUpdated | WidgetStreamingTextValueDelta;

export interface StreamWidgetOptions {
  /** The text the copy button copies. */
  copyText?: string;
  /** Ids for the widget item; pass the store's generator to use its ids. */
  generateId?: (kind: StoreItemType) => string;
  now?: () => string;
}

/**
 * Streams a widget as a thread item. A static widget is one `thread.item.done`; a sequence of
 * widget states is `thread.item.added` (first state), the updates between successive states
 * (`diffWidget`), then `thread.item.done` with the last state.
 */
export async function* streamWidget(
  thread: ThreadMetadata,
  widget: WidgetRoot | AsyncIterable<WidgetRoot>,
  options: StreamWidgetOptions = {},
): AsyncGenerator<ThreadStreamEvent> {
  const generateId = options.generateId ?? defaultGenerateId;
  const base = {
    id: generateId('message'),
    thread_id: thread.id,
    created_at: (options.now ?? (() => new Date().toISOString()))(),
    type: 'widget' as const,
    ...(options.copyText === undefined ? {} : { copy_text: options.copyText }),
  };
  const item = (state: WidgetRoot): WidgetItem => ({ ...base, widget: state });

  if (!isAsyncIterable(widget)) {
    yield { type: 'thread.item.done', item: item(widget) };
    return;
  }
  let last: WidgetRoot | undefined;
  for await (const state of widget) {
    if (last === undefined) yield { type: 'thread.item.added', item: item(state) };
    else for (const update of diffWidget(last, state)) yield { type: 'thread.item.updated', item_id: base.id, update };
    last = state;
  }
  if (last === undefined) throw new Error('streamWidget: the widget stream produced no state');
  yield { type: 'thread.item.done', item: item(last) };
}

/**
 * The updates that turn `before` into `after`. When the only changes are Text/Markdown values
 * that grew by a suffix, each such component with an `id` gets a `widget.streaming_text.value_delta`
 * (growth of components without an id needs no update: clients re-render the final state at done).
 * Any other change (a type, id or key, a prop, a list length, a value that is not an extension)
 * is one `widget.root.updated` carrying the whole new widget.
 */
export function diffWidget(before: WidgetRoot, after: WidgetRoot): WidgetUpdate[] {
  if (needsFullReplace(before, after)) return [{ type: 'widget.root.updated', widget: after }];
  const previous = new Map(streamingTextNodes(before).map((node) => [node.id, node.value]));
  const updates: WidgetUpdate[] = [];
  for (const node of streamingTextNodes(after)) {
    const old = previous.get(node.id);
    if (old === undefined) throw new Error(`Widget component ${node.id} was not in the widget when it was first rendered`);
    if (!node.value.startsWith(old)) throw new Error(`The new value of widget component ${node.id} does not extend the old one`);
    if (node.value.length > old.length) {
      updates.push({
        type: 'widget.streaming_text.value_delta',
        component_id: node.id,
        delta: node.value.slice(old.length),
        done: !node.component.streaming,
      });
    }
  }
  return updates;
}

function isTextNode(component: WidgetComponent): boolean {
  return component.type === 'Text' || component.type === 'Markdown';
}

function isComponent(value: unknown): value is WidgetComponent {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value && typeof value.type === 'string'
  );
}

function needsFullReplace(before: WidgetComponent, after: WidgetComponent): boolean {
  if (before.type !== after.type || before.id !== after.id || before.key !== after.key) return true;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'type' || key === 'id' || key === 'key') continue;
    const a = before[key];
    const b = after[key];
    const growingText =
      key === 'value' &&
      isTextNode(before) &&
      isTextNode(after) &&
      typeof a === 'string' &&
      typeof b === 'string' &&
      b.startsWith(a);
    if (!growingText && valuesDiffer(a, b)) return true;
  }
  return false;
}

function valuesDiffer(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length !== b.length || a.some((element, index) => valuesDiffer(element, b[index]));
  }
  if (isComponent(a) && isComponent(b)) return needsFullReplace(a, b);
  return !jsonEqual(a, b);
}

interface TextNode {
  id: string;
  value: string;
  component: WidgetComponent;
}

/** Text/Markdown components with an id and a string value, depth-first in document order. */
function streamingTextNodes(root: WidgetComponent): TextNode[] {
  const found: TextNode[] = [];
  const visit = (component: WidgetComponent): void => {
    if (isTextNode(component) && component.id && typeof component.value === 'string') {
      found.push({ id: component.id, value: component.value, component });
    }
    for (const child of childrenOf(component)) if (isComponent(child)) visit(child);
  };
  visit(root);
  return found;
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value;
}
