import { WidgetRoot, type ThreadStreamEvent, type WidgetComponent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput } from '@chatwire/test-support/hooked-server';
import { iterateEvents } from './testing/index.js';
import { diffWidget, streamWidget } from './widgets.js';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } } as const;

/** The events after `thread.created` and the user message. */
function afterUserMessage(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
  expect(events.slice(0, 2).map((event) => event.type)).toEqual(['thread.created', 'thread.item.done']);
  return events.slice(2);
}

async function* states(...widgets: WidgetRoot[]): AsyncGenerator<WidgetRoot> {
  for (const widget of widgets) yield widget;
}

const card = (...children: WidgetComponent[]): WidgetRoot => ({ type: 'Card', children });

/** A server whose reply is `streamWidget(thread, widget())`. */
function widgetServer(widget: () => WidgetRoot | AsyncIterable<WidgetRoot>, copyText?: string) {
  return makeServer({
    async *respond(thread) {
      yield* streamWidget(thread, widget(), copyText === undefined ? {} : { copyText });
    },
  });
}

describe('streamWidget through the server', () => {
  it('streams a growing text as added, one value delta per step, then done with the same id and time', async () => {
    const text = 'Hello, world';
    const { createThread, json } = widgetServer(() =>
      states(...[0, 3, 6, 12].map((length) => card({ type: 'Text', id: 'text', value: text.slice(0, length) }))),
    );

    const { thread, events } = await createThread('Show me');

    const rest = afterUserMessage(events);
    const added = rest[1];
    if (added?.type !== 'thread.item.added') throw new Error('expected thread.item.added after stream_options');
    const { id, created_at } = added.item;
    expect(id).toMatch(/^msg_[0-9a-f]{16}$/);
    const delta = (value: string) => ({
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'widget.streaming_text.value_delta', component_id: 'text', delta: value, done: true },
    });
    const final = {
      id,
      thread_id: thread.id,
      created_at,
      type: 'widget',
      widget: { type: 'Card', children: [{ type: 'Text', id: 'text', value: 'Hello, world' }] },
    };
    expect(rest).toStrictEqual([
      SO,
      {
        type: 'thread.item.added',
        item: {
          id,
          thread_id: thread.id,
          created_at,
          type: 'widget',
          widget: { type: 'Card', children: [{ type: 'Text', id: 'text', value: '' }] },
        },
      },
      delta('Hel'),
      delta('lo,'),
      delta(' world'),
      { type: 'thread.item.done', item: final },
    ]);
    const stored = await json('items.list', { thread_id: thread.id });
    expect(stored.data[0]).toStrictEqual(final);
  });

  it('a text change that is not an extension replaces the whole widget', async () => {
    const { createThread } = widgetServer(() =>
      states(card({ type: 'Text', id: 'text', value: 'Hello' }), card({ type: 'Text', id: 'text', value: 'World' })),
    );

    const { thread, events } = await createThread('Show me');

    const rest = afterUserMessage(events);
    const added = rest[1];
    if (added?.type !== 'thread.item.added') throw new Error('expected thread.item.added after stream_options');
    const { id, created_at } = added.item;
    const item = (value: string) => ({
      id,
      thread_id: thread.id,
      created_at,
      type: 'widget',
      widget: { type: 'Card', children: [{ type: 'Text', id: 'text', value }] },
    });
    expect(rest).toStrictEqual([
      SO,
      { type: 'thread.item.added', item: item('Hello') },
      {
        type: 'thread.item.updated',
        item_id: id,
        update: {
          type: 'widget.root.updated',
          widget: { type: 'Card', children: [{ type: 'Text', id: 'text', value: 'World' }] },
        },
      },
      { type: 'thread.item.done', item: item('World') },
    ]);
  });

  it('a static widget is one done event carrying copy_text', async () => {
    const { createThread } = widgetServer(() => card(), 'cp');
    const { thread, events } = await createThread('Show me');
    const rest = afterUserMessage(events);
    const done = rest[1];
    if (done?.type !== 'thread.item.done') throw new Error('expected thread.item.done');
    expect(rest).toStrictEqual([
      SO,
      {
        type: 'thread.item.done',
        item: {
          id: done.item.id,
          thread_id: thread.id,
          created_at: done.item.created_at,
          type: 'widget',
          widget: { type: 'Card', children: [] },
          copy_text: 'cp',
        },
      },
    ]);
  });

  it('a static widget without copy text has no copy_text key', async () => {
    const { createThread } = widgetServer(() => card());
    const { events } = await createThread('Show me');
    const done = events.at(-1);
    if (done?.type !== 'thread.item.done') throw new Error('expected thread.item.done last');
    expect(Object.keys(done.item)).not.toContain('copy_text');
  });

  it('a generator with a single state is added, then done, both showing that state', async () => {
    const only = card({ type: 'Text', id: 'text', value: 'Only' });
    const { createThread } = widgetServer(() => states(only));
    const { events } = await createThread('Show me');
    const rest = afterUserMessage(events);
    expect(rest.map((event) => event.type)).toEqual(['stream_options', 'thread.item.added', 'thread.item.done']);
    const [, added, done] = rest;
    if (added?.type !== 'thread.item.added' || done?.type !== 'thread.item.done') throw new Error('unexpected events');
    expect(done.item).toStrictEqual(added.item);
    expect(done.item.type === 'widget' && done.item.widget).toStrictEqual(only);
  });

  it('a generator that yields nothing ends the reply with a retryable error event and stores no widget', async () => {
    const { createThread, json } = widgetServer(() => states());
    const { thread, events } = await createThread('Show me');
    expect(afterUserMessage(events)).toStrictEqual([SO, { type: 'error', code: 'stream.error', allow_retry: true }]);
    expect((await json('items.list', { thread_id: thread.id })).data.map((item) => item.type)).toEqual(['user_message']);
  });

  it('a widget still streaming when the client goes away is saved as the user saw it (the reference drops it)', async () => {
    const { server, store, context } = makeServer({
      async *respond(thread, _input, _context, run) {
        yield* streamWidget(
          thread,
          (async function* () {
            yield card({ type: 'Text', id: 'text', value: 'Partial' });
            await new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
          })(),
        );
      },
    });
    const abort = new AbortController();
    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('Show me') } }),
      context,
      {
        signal: abort.signal,
      },
    );

    const seen: string[] = [];
    let threadId = '';
    for await (const event of iterateEvents(result)) {
      seen.push(event.type);
      if (event.type === 'thread.created') threadId = event.thread.id;
      if (event.type === 'thread.item.added') abort.abort();
    }

    expect(seen).toEqual(['thread.created', 'thread.item.done', 'stream_options', 'thread.item.added']);
    const stored = await store.loadThreadItems(threadId, undefined, 20, 'asc', context);
    expect(stored.data.map((item) => item.type)).toEqual(['user_message', 'widget', 'sdk_hidden_context']);
    expect(stored.data[1]).toMatchObject({ type: 'widget', widget: card({ type: 'Text', id: 'text', value: 'Partial' }) });
  });
});

const text = (props: Record<string, unknown>) => ({ type: 'Text', ...props });

/** The reference's `test_diff` cases: the first four typed, the last four as untyped JSON. */
const diffCases: Array<[string, WidgetRoot, WidgetRoot, unknown[]]> = [
  ['identical empty cards', card(), card(), []],
  [
    'a streaming text that grew',
    card(text({ id: 'text', value: 'Hello', streaming: true })),
    card(text({ id: 'text', value: 'Hello, world!', streaming: true })),
    [{ type: 'widget.streaming_text.value_delta', component_id: 'text', delta: ', world!', done: false }],
  ],
  [
    'a text that grew and stopped streaming',
    card(text({ id: 'text', value: 'Hello', streaming: true })),
    card(text({ id: 'text', value: 'Hello, world!', streaming: false })),
    [{ type: 'widget.root.updated', widget: card(text({ id: 'text', value: 'Hello, world!', streaming: false })) }],
  ],
  [
    'a text replaced by one that does not extend it',
    card(text({ value: 'Hello' })),
    card(text({ value: 'world!' })),
    [{ type: 'widget.root.updated', widget: card(text({ value: 'world!' })) }],
  ],
];
const fromJson = (widget: WidgetRoot): WidgetRoot => WidgetRoot.parse(JSON.parse(JSON.stringify(widget)));
const allDiffCases = [
  ...diffCases.map(([name, before, after, expected]) => [`${name}`, before, after, expected] as const),
  ...diffCases.map(
    ([name, before, after, expected]) => [`${name} (untyped JSON)`, fromJson(before), fromJson(after), expected] as const,
  ),
];

describe('diffWidget', () => {
  it.each(allDiffCases)('%s', (_name, before, after, expected) => {
    expect(diffWidget(before, after)).toStrictEqual(expected);
  });

  it('a text without an id that grows needs no update', () => {
    expect(diffWidget(card(text({ value: 'Hello' })), card(text({ value: 'Hello world' })))).toEqual([]);
  });

  it('two growing texts give one delta each, in document order, each with its own done', () => {
    const before = card(text({ id: 'a', value: 'x' }), { type: 'Markdown', id: 'b', streaming: true, value: 'y' });
    const after = card(text({ id: 'a', value: 'x1' }), { type: 'Markdown', id: 'b', streaming: true, value: 'y2' });
    expect(diffWidget(before, after)).toStrictEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'a', delta: '1', done: true },
      { type: 'widget.streaming_text.value_delta', component_id: 'b', delta: '2', done: false },
    ]);
  });

  it('finds a growing text nested in a layout and keeps depth-first order', () => {
    const before = card({ type: 'Col', children: [text({ id: 'inner', value: 'a' })] }, text({ id: 'outer', value: 'b' }));
    const after = card({ type: 'Col', children: [text({ id: 'inner', value: 'ab' })] }, text({ id: 'outer', value: 'bc' }));
    expect(diffWidget(before, after)).toStrictEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'inner', delta: 'b', done: true },
      { type: 'widget.streaming_text.value_delta', component_id: 'outer', delta: 'c', done: true },
    ]);
  });

  it('a prop added to any component replaces the whole widget', () => {
    const after: WidgetRoot = { ...card(text({ id: 't', value: 'a' })), padding: { x: 4 } };
    expect(diffWidget(card(text({ id: 't', value: 'a' })), after)).toStrictEqual([
      { type: 'widget.root.updated', widget: after },
    ]);
  });

  it('a changed prop on a nested component replaces the whole widget', () => {
    const before = card({ type: 'Col', children: [text({ id: 't', value: 'a', color: 'primary' })] });
    const after = card({ type: 'Col', children: [text({ id: 't', value: 'ab', color: 'secondary' })] });
    expect(diffWidget(before, after)).toStrictEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  it('streaming false and streaming absent are different values', () => {
    const before = card(text({ id: 't', value: 'a', streaming: false }));
    const after = card(text({ id: 't', value: 'ab' }));
    expect(diffWidget(before, after)).toStrictEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  it('a different number of children replaces the whole widget', () => {
    const before = card(text({ id: 't', value: 'a' }));
    const after = card(text({ id: 't', value: 'a' }), text({ id: 'u', value: 'b' }));
    expect(diffWidget(before, after)).toStrictEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  it('never produces widget.component.updated', () => {
    const before = card(text({ id: 't', value: 'a' }), { type: 'Button', label: 'Go' });
    const after = card(text({ id: 't', value: 'a' }), { type: 'Button', label: 'Stop' });
    expect(diffWidget(before, after).map((update) => update.type)).toEqual(['widget.root.updated']);
  });
});
