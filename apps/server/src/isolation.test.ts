import type {
  Action,
  FeedbackKind,
  SyncCustomActionResponse,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import type { ChatKitHooks, Store } from '@chatwire/server';
import { collectEvents, parseErrorResponse, parseJsonResponse, type JsonRequestType } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from './context.js';
import { APP_START_TIMEOUT_MS, startApp, textInput, type RunningApp } from './test-support/app-harness.js';

/**
 * Two users of one app over real HTTP. User A builds a thread with every kind of item; user B
 * then sends all 16 request types naming A's thread, items and attachment, and calls the attachment
 * upload and download routes with A's attachment id, and must get exactly
 * what a made-up id gets (404, same code, same message but for the id), learn nothing of A, and
 * change nothing of A's.
 */

const USER_A = 'user-a-3f9c1e';
const USER_B = 'user-b-8d2e07';
/** Every text A writes carries this, so any leak of A's content is one substring search away. */
const SECRET = 'A-ONLY-7Q2X';
const action: Action = { type: 'approve', payload: { note: 'from the widget' } };
/** The bytes of A's attachment. */
const BYTES_A = `${SECRET} private file contents`;

interface Call {
  userId: string;
  what: string;
}

const calls: Call[] = [];
const feedback: Array<{ userId: string; threadId: string; itemIds: string[]; kind: FeedbackKind }> = [];

/**
 * A responder with every item kind: echoes the message, and on request adds a widget, a
 * structured input or a pending client tool call. Records who reached which hook.
 */
function everyItemResponder(appStore: Store<AppContext>): ChatKitHooks<AppContext> {
  return {
    async *respond(thread: ThreadMetadata, input: UserMessageItem | null, context: AppContext): AsyncIterable<ThreadStreamEvent> {
      calls.push({ userId: context.userId, what: 'respond' });
      const text = input?.content.map((part) => part.text).join('') ?? '';
      const base = { thread_id: thread.id, created_at: new Date().toISOString() };
      const id = (kind: 'message' | 'tool_call') => appStore.generateItemId(kind, thread, context);
      if (text.includes('widget')) {
        const widget = { type: 'Card' as const, children: [{ type: 'Text' as const, value: `${SECRET} widget body` }] };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: id('message'), type: 'widget', widget, copy_text: `${SECRET} copy` },
        };
      }
      if (text.includes('ask')) {
        const inputs = [{ id: 'q1', type: 'freeform' as const, question: `${SECRET} which colour?` }];
        yield {
          type: 'thread.item.done',
          item: { ...base, id: id('message'), type: 'structured_input', status: 'pending', inputs },
        };
      }
      if (text.includes('tool')) {
        const call = { call_id: `call-${SECRET}`, name: 'get_selection', arguments: { hint: SECRET } };
        yield {
          type: 'thread.item.done',
          item: { ...base, id: id('tool_call'), type: 'client_tool_call', status: 'pending', ...call },
        };
        return;
      }
      const content = [{ type: 'output_text' as const, text: `echo: ${text}`, annotations: [] }];
      yield { type: 'thread.item.done', item: { ...base, id: id('message'), type: 'assistant_message', content } };
    },

    async *action(
      _thread: ThreadMetadata,
      _action: Action,
      _sender: WidgetItem | null,
      context: AppContext,
    ): AsyncIterable<ThreadStreamEvent> {
      calls.push({ userId: context.userId, what: 'action' });
    },

    async syncAction(
      _thread: ThreadMetadata,
      _action: Action,
      _sender: WidgetItem | null,
      context: AppContext,
    ): Promise<SyncCustomActionResponse> {
      calls.push({ userId: context.userId, what: 'syncAction' });
      return {};
    },

    async addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: AppContext): Promise<void> {
      feedback.push({ userId: context.userId, threadId, itemIds, kind });
    },
  };
}

let running: RunningApp;
let store: Store<AppContext>;
let tokenA: string;
let tokenB: string;

interface AIds {
  thread: string;
  userMessage: string;
  assistant: string;
  widget: string;
  structured: string;
  toolCall: string;
  attachment: string;
}
let a: AIds;
/** B's own thread, for the requests that pair it with one of A's item or attachment ids. */
let threadB: string;

beforeAll(async () => {
  running = await startApp(
    {},
    {
      responder: (appStore) => {
        store = appStore;
        return everyItemResponder(appStore);
      },
    },
  );
  tokenA = await running.login(USER_A, `${SECRET} Alice`);
  tokenB = await running.login(USER_B, 'Bob');
}, APP_START_TIMEOUT_MS);

afterAll(() => running.close());

async function send(token: string, type: string, params: unknown): Promise<Response> {
  return running.chatkit({ type, params }, { token });
}

async function streamAs(token: string, type: string, params: unknown): Promise<ThreadStreamEvent[]> {
  const response = await send(token, type, params);
  expect(response.status).toBe(200);
  return collectEvents(response);
}

async function jsonAs<T extends JsonRequestType>(token: string, type: T, params: unknown) {
  const response = await send(token, type, params);
  expect(response.status).toBe(200);
  return parseJsonResponse(type, await response.text());
}

function doneItems(events: ThreadStreamEvent[]): ThreadItem[] {
  return events.flatMap((event) => (event.type === 'thread.item.done' ? [event.item] : []));
}

function itemOfType(items: ThreadItem[], type: ThreadItem['type']): string {
  const item = items.find((candidate) => candidate.type === type);
  if (!item) throw new Error(`no ${type} item`);
  return item.id;
}

/** Everything A can read back about A's own data. */
async function snapshotOfA() {
  const download = await fetch(`${running.base}/chatkit/attachments/${a.attachment}`, {
    headers: { Authorization: `Bearer ${tokenA}` },
  });
  return {
    bytes: [download.status, await download.text()],
    thread: await jsonAs(tokenA, 'threads.get_by_id', { thread_id: a.thread }),
    items: await jsonAs(tokenA, 'items.list', { thread_id: a.thread, limit: 100, order: 'asc' }),
    threads: await jsonAs(tokenA, 'threads.list', { limit: 100 }),
    attachment: await store.loadAttachment(a.attachment, { userId: USER_A, user: {} }),
    feedback: [...feedback],
  };
}

describe('two users: B given A’s ids finds only what a missing id finds', () => {
  let before: Awaited<ReturnType<typeof snapshotOfA>>;

  beforeAll(async () => {
    // A's attachment, created and uploaded as the UI does it.
    const attachment = await jsonAs(tokenA, 'attachments.create', {
      name: `${SECRET}-notes.txt`,
      size: Buffer.byteLength(BYTES_A),
      mime_type: 'text/plain',
    });
    const uploaded = await fetch(`${running.base}/chatkit/attachments/${attachment.id}/upload`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokenA}` },
      body: BYTES_A,
    });
    expect(uploaded.status).toBe(200);

    const created = await streamAs(tokenA, 'threads.create', {
      input: { ...textInput(`${SECRET} hello`), attachments: [attachment.id] },
    });
    const first = created[0];
    if (first?.type !== 'thread.created') throw new Error('threads.create did not start with thread.created');
    const thread = first.thread.id;
    const items = [
      ...doneItems(created),
      ...doneItems(
        await streamAs(tokenA, 'threads.add_user_message', { thread_id: thread, input: textInput(`${SECRET} show a widget`) }),
      ),
      ...doneItems(
        await streamAs(tokenA, 'threads.add_user_message', { thread_id: thread, input: textInput(`${SECRET} ask me`) }),
      ),
      ...doneItems(
        await streamAs(tokenA, 'threads.add_user_message', { thread_id: thread, input: textInput(`${SECRET} call a tool`) }),
      ),
    ];
    a = {
      thread,
      userMessage: itemOfType(items, 'user_message'),
      assistant: itemOfType(items, 'assistant_message'),
      widget: itemOfType(items, 'widget'),
      structured: itemOfType(items, 'structured_input'),
      toolCall: itemOfType(items, 'client_tool_call'),
      attachment: attachment.id,
    };
    await jsonAs(tokenA, 'items.feedback', { thread_id: thread, item_ids: [a.assistant], kind: 'positive' });
    await jsonAs(tokenA, 'threads.update', { thread_id: thread, title: `${SECRET} private title` });

    const own = (await streamAs(tokenB, 'threads.create', { input: textInput('B has a thread of its own') }))[0];
    if (own?.type !== 'thread.created') throw new Error('B could not create a thread');
    threadB = own.thread.id;

    before = await snapshotOfA();
    // A's thread really holds every kind of item, so the requests below are aimed at real targets.
    expect(before.items.data.map((item) => item.type)).toEqual(
      expect.arrayContaining(['user_message', 'assistant_message', 'widget', 'structured_input', 'client_tool_call']),
    );
    expect(before.items.data.find((item) => item.type === 'user_message')).toMatchObject({ attachments: [{ id: a.attachment }] });
    expect(before.feedback).toEqual([{ userId: USER_A, threadId: thread, itemIds: [a.assistant], kind: 'positive' }]);
    expect(before.bytes).toEqual([200, BYTES_A]);
  });

  /**
   * Every request type, built from a set of ids: A's real ones, or made-up ones of the same form.
   * `expected` is what both must answer (404 unless the request never looks an id up).
   */
  const requests: Array<{ name: string; type: string; params: (ids: AIds) => unknown; expected: number }> = [
    { name: 'threads.get_by_id', type: 'threads.get_by_id', params: (ids) => ({ thread_id: ids.thread }), expected: 404 },
    { name: 'items.list', type: 'items.list', params: (ids) => ({ thread_id: ids.thread }), expected: 404 },
    {
      name: 'items.feedback on A’s thread',
      type: 'items.feedback',
      params: (ids) => ({ thread_id: ids.thread, item_ids: [ids.assistant], kind: 'negative' }),
      expected: 404,
    },
    {
      name: 'items.feedback on B’s thread naming A’s item',
      type: 'items.feedback',
      params: (ids) => ({ thread_id: threadB, item_ids: [ids.assistant], kind: 'negative' }),
      expected: 404,
    },
    {
      name: 'attachments.delete',
      type: 'attachments.delete',
      params: (ids) => ({ attachment_id: ids.attachment }),
      expected: 404,
    },
    {
      name: 'threads.update',
      type: 'threads.update',
      params: (ids) => ({ thread_id: ids.thread, title: 'hijacked' }),
      expected: 404,
    },
    { name: 'threads.delete', type: 'threads.delete', params: (ids) => ({ thread_id: ids.thread }), expected: 404 },
    {
      name: 'input.transcribe (not implemented: 501)',
      type: 'input.transcribe',
      params: () => ({ audio_base64: 'AAAA', mime_type: 'audio/webm' }),
      expected: 501,
    },
    {
      name: 'threads.sync_custom_action on A’s thread',
      type: 'threads.sync_custom_action',
      params: (ids) => ({ thread_id: ids.thread, item_id: ids.widget, action }),
      expected: 404,
    },
    {
      name: 'threads.sync_custom_action on B’s thread naming A’s widget',
      type: 'threads.sync_custom_action',
      params: (ids) => ({ thread_id: threadB, item_id: ids.widget, action }),
      expected: 404,
    },
    {
      name: 'threads.create with A’s attachment',
      type: 'threads.create',
      params: (ids) => ({ input: { ...textInput('steal'), attachments: [ids.attachment] } }),
      expected: 404,
    },
    {
      name: 'threads.add_user_message to A’s thread',
      type: 'threads.add_user_message',
      params: (ids) => ({ thread_id: ids.thread, input: textInput('injected') }),
      expected: 404,
    },
    {
      name: 'threads.add_user_message to B’s thread with A’s attachment',
      type: 'threads.add_user_message',
      params: (ids) => ({ thread_id: threadB, input: { ...textInput('steal'), attachments: [ids.attachment] } }),
      expected: 404,
    },
    {
      name: 'threads.add_client_tool_output to A’s pending call',
      type: 'threads.add_client_tool_output',
      params: (ids) => ({ thread_id: ids.thread, result: { forged: true } }),
      expected: 404,
    },
    {
      name: 'threads.add_structured_input answering A’s question',
      type: 'threads.add_structured_input',
      params: (ids) => ({ thread_id: ids.thread, item_id: ids.structured, input: { answers: { q1: { values: ['red'] } } } }),
      expected: 404,
    },
    {
      name: 'threads.add_structured_input on B’s thread naming A’s question',
      type: 'threads.add_structured_input',
      params: (ids) => ({ thread_id: threadB, item_id: ids.structured, input: { answers: { q1: { values: ['red'] } } } }),
      expected: 404,
    },
    {
      name: 'threads.retry_after_item on A’s thread',
      type: 'threads.retry_after_item',
      params: (ids) => ({ thread_id: ids.thread, item_id: ids.userMessage }),
      expected: 404,
    },
    {
      name: 'threads.retry_after_item on B’s thread naming A’s message',
      type: 'threads.retry_after_item',
      params: (ids) => ({ thread_id: threadB, item_id: ids.userMessage }),
      expected: 404,
    },
    {
      name: 'threads.custom_action on A’s widget',
      type: 'threads.custom_action',
      params: (ids) => ({ thread_id: ids.thread, item_id: ids.widget, action }),
      expected: 404,
    },
    {
      name: 'threads.custom_action on B’s thread naming A’s widget',
      type: 'threads.custom_action',
      params: (ids) => ({ thread_id: threadB, item_id: ids.widget, action }),
      expected: 404,
    },
  ];

  /** Everything B received, with the ids B itself sent in that request blanked out. */
  const receivedByB: string[] = [];

  async function record(response: Response, sentIds: string[]): Promise<{ status: number; text: string }> {
    const text = await response.text();
    let seen = `${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${text}`;
    for (const id of sentIds) seen = seen.replaceAll(id, '<sent>');
    receivedByB.push(seen);
    return { status: response.status, text };
  }

  /** An error answer's code and message with each id of `ids` replaced by its name. */
  function normalized(text: string, ids: AIds) {
    const { error } = parseErrorResponse(text);
    let message = error.message;
    for (const [name, id] of Object.entries(ids)) message = message.replaceAll(id, `<${name}>`);
    return { code: error.code, message };
  }

  it.each(requests)('$name: answered exactly as for a made-up id', async ({ type, params, expected }) => {
    const made = madeUp(a);
    const withA = await send(tokenB, type, params(a));
    const aAnswer = await record(withA, Object.values(a));
    const withMadeUp = await send(tokenB, type, params(made));
    const madeAnswer = await record(withMadeUp, Object.values(made));

    expect(aAnswer.status).toBe(expected);
    expect(madeAnswer.status).toBe(expected);
    // JSON before any stream opens, never an SSE stream that fails later.
    expect(withA.headers.get('content-type')).toBe('application/json');
    expect(normalized(aAnswer.text, a)).toEqual(normalized(madeAnswer.text, made));
  });

  it('threads.list shows B only B’s own thread', async () => {
    const response = await send(tokenB, 'threads.list', { limit: 100 });
    const { status, text } = await record(response, []);
    expect(status).toBe(200);
    expect(parseJsonResponse('threads.list', text).data.map((thread) => thread.id)).toEqual([threadB]);
  });

  /** The attachment routes, as B would call them with an id. */
  const routes: Array<{ name: string; call: (id: string) => Promise<Response> }> = [
    {
      name: 'PUT upload',
      call: (id) =>
        fetch(`${running.base}/chatkit/attachments/${id}/upload`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${tokenB}` },
          body: 'overwrite',
        }),
    },
    {
      name: 'POST multipart upload',
      call: (id) => {
        const form = new FormData();
        form.set('file', new Blob(['overwrite']), 'x.txt');
        return fetch(`${running.base}/chatkit/attachments/${id}/upload`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tokenB}` },
          body: form,
        });
      },
    },
    {
      name: 'GET download',
      call: (id) => fetch(`${running.base}/chatkit/attachments/${id}`, { headers: { Authorization: `Bearer ${tokenB}` } }),
    },
    {
      name: 'GET download with the session cookie from the app’s own page',
      call: (id) =>
        fetch(`${running.base}/chatkit/attachments/${id}`, {
          headers: { Cookie: `chatwire_session=${tokenB}`, 'Sec-Fetch-Site': 'same-origin' },
        }),
    },
  ];

  it.each(routes)('attachment route $name with A’s attachment id: answered exactly as for a made-up id', async ({ call }) => {
    const made = madeUp(a);
    const withA = await record(await call(a.attachment), Object.values(a));
    const withMadeUp = await record(await call(made.attachment), Object.values(made));
    expect(withA.status).toBe(404);
    expect(withMadeUp.status).toBe(404);
    expect(normalized(withA.text, a)).toEqual(normalized(withMadeUp.text, made));
  });

  it('attachments.create for B makes B’s own attachment, which A cannot read', async () => {
    const response = await send(tokenB, 'attachments.create', { name: 'b.txt', size: 1, mime_type: 'text/plain' });
    const { status, text } = await record(response, []);
    expect(status).toBe(200);
    const mine = parseJsonResponse('attachments.create', text);
    expect(mine.id).not.toBe(a.attachment);
    const byA = await fetch(`${running.base}/chatkit/attachments/${mine.id}`, { headers: { Authorization: `Bearer ${tokenA}` } });
    expect(byA.status).toBe(404);
  });

  it('the 501s B got are the ones A gets too', async () => {
    for (const { type, params } of requests.filter((request) => request.expected === 501)) {
      const forA = await send(tokenA, type, params(a));
      const forB = await send(tokenB, type, params(a));
      expect([forA.status, parseErrorResponse(await forA.text())]).toEqual([forB.status, parseErrorResponse(await forB.text())]);
    }
  });

  it('none of A’s ids, names or text appear anywhere in what B received', () => {
    expect(receivedByB.length).toBeGreaterThan(requests.length * 2 + routes.length * 2);
    const everything = receivedByB.join('\n');
    for (const leak of [...Object.values(a), USER_A, SECRET, 'Alice']) expect(everything).not.toContain(leak);
  });

  it('A’s data is unchanged: A reads back the same thread, items, list, attachment, its bytes and feedback', async () => {
    expect(await snapshotOfA()).toEqual(before);
  });

  it('none of B’s requests reached a responder, an action or feedback on A’s data', () => {
    const byB = calls.filter((call) => call.userId === USER_B);
    // B's only reply is the one to B's own thread.
    expect(byB).toEqual([{ userId: USER_B, what: 'respond' }]);
    expect(feedback.filter((entry) => entry.userId === USER_B)).toEqual([]);
  });
});

/** Ids of the same shape as A's (prefix kept, the rest random), which nobody owns. */
function madeUp(ids: AIds): AIds {
  const swap = (id: string) => {
    const cut = id.lastIndexOf('_') + 1;
    let tail = '';
    while (tail.length < id.length - cut) tail += Math.random().toString(16).slice(2);
    return id.slice(0, cut) + tail.slice(0, id.length - cut);
  };
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, swap(id)])) as unknown as AIds;
}
