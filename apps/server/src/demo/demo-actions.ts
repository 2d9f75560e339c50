import {
  findComponent,
  updateComponent,
  type Action,
  type SyncCustomActionResponse,
  type ThreadStreamEvent,
  type WidgetComponent,
  type WidgetItem,
} from '@chatwire/protocol';
import { galleryList } from './gallery-widgets.js';

/** Long enough to see the control's loading state; short enough for a demo. */
const WORK_MS = 250;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a demo handler answers this streamed action (everything else goes to the assistant). */
export function isDemoAction(action: Action, sender: WidgetItem | null): sender is WidgetItem {
  return sender !== null && ['demo.counter.add', 'demo.form.submit', 'demo.list.pick'].includes(action.type);
}

function textValue(widget: WidgetComponent, id: string): string {
  const component = findComponent(widget, id);
  return typeof component?.value === 'string' ? component.value : '';
}

/** The sender with the Text `id` set to `value`, as an in-place update plus the stored replacement. */
function* setText(sender: WidgetItem, id: string, value: string): Generator<ThreadStreamEvent> {
  const current = findComponent(sender.widget, id);
  if (!current) return;
  const component = { ...current, value };
  // The update shows at once; the replacement is what the store keeps (updates are never stored).
  yield {
    type: 'thread.item.updated',
    item_id: sender.id,
    update: { type: 'widget.component.updated', component_id: id, component },
  };
  yield { type: 'thread.item.replaced', item: { ...sender, widget: updateComponent(sender.widget, id, () => component) } };
}

function describeForm(payload: unknown): string {
  if (!isRecord(payload)) return 'Saved';
  const parts = [payload.name, payload.plan, payload.start, payload.size].filter((value) => typeof value === 'string' && value);
  if (payload.newsletter === true) parts.push('newsletter');
  if (typeof payload.notes === 'string' && payload.notes.trim()) parts.push(`“${payload.notes.trim().slice(0, 60)}”`);
  return `Saved: ${parts.join(' · ')}`;
}

/**
 * The demo widgets' streamed actions, answered without the model: the counter counts, the form
 * echoes what was submitted, the list marks the picked city. Each updates the widget in place.
 */
export async function* demoAction(action: Action, sender: WidgetItem): AsyncGenerator<ThreadStreamEvent> {
  await new Promise((resolve) => setTimeout(resolve, WORK_MS));
  switch (action.type) {
    case 'demo.counter.add': {
      const count = Number.parseInt(textValue(sender.widget, 'count'), 10);
      yield* setText(sender, 'count', String((Number.isFinite(count) ? count : 0) + 1));
      return;
    }
    case 'demo.form.submit':
      yield* setText(sender, 'form_result', describeForm(action.payload));
      return;
    case 'demo.list.pick': {
      const city = isRecord(action.payload) && typeof action.payload.city === 'string' ? action.payload.city : undefined;
      const widget = galleryList(city);
      yield { type: 'thread.item.updated', item_id: sender.id, update: { type: 'widget.root.updated', widget } };
      yield { type: 'thread.item.replaced', item: { ...sender, widget } };
      return;
    }
  }
}

/** The demo's synchronous action: the counter's reset, answered with the updated widget item. */
export async function demoSyncAction(action: Action, sender: WidgetItem | null): Promise<SyncCustomActionResponse> {
  if (action.type !== 'demo.counter.reset' || !sender || !findComponent(sender.widget, 'count')) return {};
  await new Promise((resolve) => setTimeout(resolve, WORK_MS));
  return { updated_item: { ...sender, widget: updateComponent(sender.widget, 'count', (count) => ({ ...count, value: '0' })) } };
}
