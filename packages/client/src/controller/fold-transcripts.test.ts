import {
  findComponent,
  isHiddenItem,
  type Annotation,
  type CustomTask,
  type GeneratedImageItem,
  type TaskItem,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type WidgetComponent,
  type WidgetItem,
  type WidgetRoot,
  type WorkflowItem,
} from '@chatwire/protocol';
import { streamWidget } from '@chatwire/server';
import { describe, expect, it } from 'vitest';
import { added, assistantMessage, done, now, recordStates, textOf, updated } from '@chatwire/test-support/transcripts';
import { inProcessServer } from '@chatwire/test-support/server-fetch';
import { ChatController } from './chat-controller.js';
import type { ChatState } from './state.js';

const ALL_EVENT_TYPES = [
  'thread.created',
  'thread.updated',
  'thread.item.added',
  'thread.item.updated',
  'thread.item.done',
  'thread.item.removed',
  'thread.item.replaced',
  'stream_options',
  'progress_update',
  'client_effect',
  'error',
  'notice',
];

const ALL_UPDATE_TYPES = [
  'assistant_message.content_part.added',
  'assistant_message.content_part.text_delta',
  'assistant_message.content_part.annotation_added',
  'assistant_message.content_part.done',
  'widget.streaming_text.value_delta',
  'widget.root.updated',
  'widget.component.updated',
  'workflow.task.added',
  'workflow.task.updated',
  'generated_image.updated',
];

const citation: Annotation = {
  type: 'annotation',
  source: { type: 'url', url: 'https://docs.example.com/answer', title: 'The answer, explained' },
  index: 17,
};

const task = (title: string, status: CustomTask['status_indicator']): CustomTask => ({
  type: 'custom',
  title,
  status_indicator: status,
});

/** A Card > Col > Text tree, so streamed text has to be found below the root. */
function card(value: string, streaming: boolean): WidgetRoot {
  return {
    type: 'Card',
    children: [
      {
        type: 'Col',
        children: [
          { type: 'Title', value: 'Forecast' },
          { type: 'Text', id: 'forecast', value, streaming },
        ],
      },
    ],
  };
}

async function* widgetStates(): AsyncGenerator<WidgetRoot> {
  yield card('Sunny', true);
  yield card('Sunny, then', true);
  yield card('Sunny, then rain.', false);
}

/**
 * A reply that uses every event type and every update type the protocol has, the way real
 * responders emit them (widgets through the server's own `streamWidget`).
 */
async function* everything(thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
  // Each item is stamped when it is made, as a real responder does (the store orders by it).
  const base = () => ({ thread_id: thread.id, created_at: now() });
  yield { type: 'progress_update', icon: 'search', text: 'Searching the docs' };

  const workflow: WorkflowItem = {
    ...base(),
    id: 'wf_1',
    type: 'workflow',
    workflow: { type: 'custom', tasks: [], expanded: false },
  };
  yield added(workflow);
  yield updated('wf_1', { type: 'workflow.task.added', task_index: 0, task: task('Search', 'loading') });
  yield updated('wf_1', { type: 'workflow.task.updated', task_index: 0, task: task('Search', 'complete') });
  yield done({ ...workflow, workflow: { ...workflow.workflow, tasks: [task('Search', 'complete')], summary: { duration: 2 } } });

  const message = assistantMessage(thread.id, 'msg_answer', '');
  yield added(message);
  yield updated('msg_answer', {
    type: 'assistant_message.content_part.added',
    content_index: 0,
    content: { type: 'output_text', text: '', annotations: [] },
  });
  yield updated('msg_answer', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'The answer ' });
  yield updated('msg_answer', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'is 42.' });
  yield updated('msg_answer', {
    type: 'assistant_message.content_part.annotation_added',
    content_index: 0,
    annotation_index: 0,
    annotation: citation,
  });
  const finalPart = { type: 'output_text' as const, text: 'The answer is 42.', annotations: [citation] };
  yield updated('msg_answer', { type: 'assistant_message.content_part.done', content_index: 0, content: finalPart });
  yield done({ ...message, content: [finalPart] });

  yield* streamWidget(thread, widgetStates(), { generateId: () => 'widget_forecast' });

  const badge: WidgetItem = {
    ...base(),
    id: 'widget_badge',
    type: 'widget',
    widget: { type: 'Card', children: [{ type: 'Badge', id: 'state', label: 'Pending' }] },
  };
  yield added(badge);
  const doneBadge: WidgetComponent = { type: 'Badge', id: 'state', label: 'Shipped', color: 'success' };
  yield updated('widget_badge', { type: 'widget.component.updated', component_id: 'state', component: doneBadge });
  yield done({ ...badge, widget: { type: 'Card', children: [doneBadge] } });

  const image: GeneratedImageItem = { ...base(), id: 'img_1', type: 'generated_image' };
  yield added(image);
  yield updated('img_1', {
    type: 'generated_image.updated',
    image: { id: 'image_1', url: 'https://img.example.com/draft.png' },
    progress: 0.5,
  });
  yield done({ ...image, image: { id: 'image_1', url: 'https://img.example.com/final.png' } });

  const step: TaskItem = { ...base(), id: 'task_1', type: 'task', task: task('Booking', 'loading') };
  yield done(step);
  yield { type: 'thread.item.replaced', item: { ...step, task: task('Booking', 'complete') } };

  yield done(assistantMessage(thread.id, 'msg_draft', 'A draft that is taken back'));
  yield { type: 'thread.item.removed', item_id: 'msg_draft' };

  yield done({ ...base(), id: 'hidden_1', type: 'hidden_context_item', content: { note: 'the user prefers metric units' } });
  yield done({ ...base(), id: 'sdk_hidden_1', type: 'sdk_hidden_context', content: 'internal note' });
  yield done({ ...base(), id: 'eot_1', type: 'end_of_turn' });

  yield { type: 'client_effect', name: 'highlight', data: { selector: '#pricing' } };
  yield { type: 'notice', level: 'warning', message: 'Prices are **estimates**.', title: 'Heads up' };
  yield { type: 'error', code: 'custom', message: 'The booking service is slow today', allow_retry: true };
  thread.title = 'Forecast and booking';
}

async function runEverything() {
  const harness = inProcessServer({
    respond: (thread) => everything(thread),
    streamOptions: () => ({ allow_cancel: false }),
  });
  const controller = new ChatController({ api: { url: 'http://chatwire.test/chatkit', fetch: harness.fetch } });
  const states = recordStates(controller);
  const effects: unknown[] = [];
  const errors: Error[] = [];
  const logs: string[] = [];
  controller.on('effect', (effect) => effects.push(effect));
  controller.on('error', ({ error }) => errors.push(error));
  controller.on('log', ({ name }) => logs.push(name));
  await controller.sendMessage({ text: 'Weather and booking, please' });
  return { harness, controller, states, effects, errors, logs };
}

function item(state: ChatState, id: string): ThreadItem | undefined {
  return state.thread?.items.find((candidate) => candidate.id === id);
}

function forecastText(state: ChatState): unknown {
  const widget = item(state, 'widget_forecast');
  return widget?.type === 'widget' ? findComponent(widget.widget, 'forecast')?.value : undefined;
}

describe('folding a real server transcript that uses every event and update type', () => {
  it('the transcript really contains all 12 event types and all 10 update types', async () => {
    const { harness } = await runEverything();
    const events = harness.transcript();
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(ALL_EVENT_TYPES));
    const updates = events.flatMap((event) => (event.type === 'thread.item.updated' ? [event.update.type] : []));
    expect(new Set(updates)).toEqual(new Set(ALL_UPDATE_TYPES));
  });

  it('the folded items equal what the server stored, in order, hidden items left out', async () => {
    const { harness, controller } = await runEverything();
    const state = controller.getState();
    const threadId = state.thread?.metadata.id ?? '';
    const stored = await harness.server.store.loadThreadItems(threadId, undefined, 100, 'asc', { userId: 'client_test_user' });
    expect(state.thread?.items).toEqual(stored.data.filter((stored) => !isHiddenItem(stored)));
    expect(state.thread?.items.map((folded) => folded.type)).toEqual([
      'user_message',
      'workflow',
      'assistant_message',
      'widget',
      'widget',
      'generated_image',
      'task',
      'end_of_turn',
    ]);
  });

  it('items this UI cannot render yet (images, tasks, end of turn) are kept, hidden ones never appear', async () => {
    const { controller, states } = await runEverything();
    expect(item(controller.getState(), 'img_1')).toMatchObject({ image: { url: 'https://img.example.com/final.png' } });
    expect(item(controller.getState(), 'task_1')).toMatchObject({ task: { status_indicator: 'complete' } });
    expect(item(controller.getState(), 'eot_1')).toMatchObject({ type: 'end_of_turn' });
    for (const state of states) {
      expect(state.thread?.items.some((candidate) => candidate.id === 'hidden_1' || candidate.id === 'sdk_hidden_1')).not.toBe(
        true,
      );
    }
  });

  it('text deltas, the citation and the finished part fold into the assistant message as they stream', async () => {
    const { states, controller } = await runEverything();
    const texts = states.map((state) => textOf(item(state, 'msg_answer')));
    expect(texts).toContain('The answer ');
    expect(texts).toContain('The answer is 42.');
    const cited = states.find((state) => {
      const message = item(state, 'msg_answer');
      return message?.type === 'assistant_message' && message.content[0]?.annotations.length === 1;
    });
    expect(cited && item(cited, 'msg_answer')).toMatchObject({ content: [{ annotations: [citation] }] });
    expect(item(controller.getState(), 'msg_answer')).toMatchObject({
      content: [{ text: 'The answer is 42.', annotations: [citation] }],
    });
  });

  it('workflow tasks are added, then updated in place', async () => {
    const { states } = await runEverything();
    const taskStates = states.flatMap((state) => {
      const workflow = item(state, 'wf_1');
      return workflow?.type === 'workflow' ? [workflow.workflow.tasks.map((t) => t.status_indicator).join(',')] : [];
    });
    expect(taskStates).toContain('loading');
    expect(taskStates).toContain('complete');
    expect(taskStates).not.toContain('loading,complete');
  });

  it('streamed widget text lands in the nested component with that id; a root update replaces the tree', async () => {
    const { states, controller } = await runEverything();
    const values = states.map(forecastText);
    expect(values).toContain('Sunny');
    expect(values).toContain('Sunny, then');
    const final = item(controller.getState(), 'widget_forecast');
    expect(final?.type === 'widget' && findComponent(final.widget, 'forecast')).toMatchObject({
      value: 'Sunny, then rain.',
      streaming: false,
    });
    expect(final).toMatchObject({ widget: card('Sunny, then rain.', false) });
  });

  it('a component update replaces that component only', async () => {
    const { states } = await runEverything();
    const badges = states.flatMap((state) => {
      const badge = item(state, 'widget_badge');
      return badge?.type === 'widget' ? [findComponent(badge.widget, 'state')] : [];
    });
    expect(badges).toContainEqual({ type: 'Badge', id: 'state', label: 'Pending' });
    expect(badges).toContainEqual({ type: 'Badge', id: 'state', label: 'Shipped', color: 'success' });
  });

  it('a generated image shows its draft and progress before it is done', async () => {
    const { states } = await runEverything();
    const draft = states.find((state) => {
      const image = item(state, 'img_1');
      return image?.type === 'generated_image' && image.image?.url === 'https://img.example.com/draft.png';
    });
    expect(draft?.imageProgress.img_1).toBe(0.5);
  });

  it('a replaced item is swapped in place and a removed one disappears', async () => {
    const { states, controller } = await runEverything();
    expect(states.some((state) => item(state, 'msg_draft') !== undefined)).toBe(true);
    expect(item(controller.getState(), 'msg_draft')).toBeUndefined();
    const loading = states.find((state) => item(state, 'task_1') !== undefined);
    expect(loading && item(loading, 'task_1')).toMatchObject({ task: { status_indicator: 'loading' } });
  });

  it('the title set during the reply reaches the thread and the thread list', async () => {
    const { controller } = await runEverything();
    const state = controller.getState();
    expect(state.thread?.metadata.title).toBe('Forecast and booking');
    expect(state.threads.data[0]).toMatchObject({ id: state.thread?.metadata.id, title: 'Forecast and booking' });
  });

  it('progress shows while the reply works and is gone once content arrives and at the end', async () => {
    const { states, controller } = await runEverything();
    expect(states.some((state) => state.progress?.text === 'Searching the docs' && state.progress.icon === 'search')).toBe(true);
    expect(controller.getState().progress).toBeNull();
  });

  it('stream options, notices, effects and the error event end up where a UI looks for them', async () => {
    const { controller, effects, errors, states } = await runEverything();
    const state = controller.getState();
    expect(states.some((s) => s.status === 'streaming' && s.allowCancel === false)).toBe(true);
    expect(state.notices).toEqual([{ id: 1, level: 'warning', message: 'Prices are **estimates**.', title: 'Heads up' }]);
    expect(effects).toEqual([{ name: 'highlight', data: { selector: '#pricing' } }]);
    expect(state.error).toEqual({
      source: 'stream',
      code: 'custom',
      message: 'The booking service is slow today',
      allowRetry: true,
    });
    expect(errors.map((error) => error.message)).toEqual(['The booking service is slow today']);
    expect(state.status).toBe('error');
    expect(state.streamingItemId).toBeNull();
  });

  it('the streaming item is marked while it streams and cleared when it is done', async () => {
    const { states } = await runEverything();
    const streaming = states.filter((state) => state.streamingItemId === 'msg_answer');
    expect(streaming.length).toBeGreaterThan(0);
    for (const state of streaming) expect(textOf(item(state, 'msg_answer'))).not.toBe(undefined);
    const afterDone = states.findIndex(
      (state, index) =>
        index > 0 && states[index - 1]?.streamingItemId === 'msg_answer' && state.streamingItemId !== 'msg_answer',
    );
    expect(item(states[afterDone] as ChatState, 'msg_answer')).toMatchObject({ content: [{ text: 'The answer is 42.' }] });
  });

  it('nothing in the transcript was reported as unparsable or unappliable', async () => {
    const { logs } = await runEverything();
    expect(logs).toEqual([]);
  });
});
