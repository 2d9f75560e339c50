import { describe, expect, it } from 'vitest';
import { type Attachment, ImageAttachment } from './attachments.js';
import { ThreadStreamEvent } from './events.js';
import { ThreadItem, type UserMessageItem } from './items.js';
import { ChatKitReq } from './requests.js';
import { Thread, ThreadMetadata, ThreadPage } from './thread.js';
import { WidgetRoot } from './widgets.js';
import { toWireAttachment, toWireEvent, toWireItem, toWireItemPage, toWireThread } from './wire.js';

/** What goes over the wire for a parsed value. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const T = '2030-01-01T00:00:00.000Z';
const base = { thread_id: 'thr_1', created_at: T };

function userMessageWithAttachment(): UserMessageItem {
  return {
    ...base,
    id: 'msg_1',
    type: 'user_message',
    content: [{ type: 'input_text', text: 'See attached' }],
    attachments: [
      { type: 'file', id: 'file_1', name: 'a.txt', mime_type: 'text/plain', thread_id: 'thr_1', metadata: { source: 'test' } },
    ],
    inference_options: {},
  };
}

describe('parsing drops nulls of optional fields', () => {
  it('a user message with quoted_text and inference options set to null', () => {
    const parsed = ThreadItem.parse({
      ...base,
      id: 'msg_1',
      type: 'user_message',
      content: [{ type: 'input_text', text: 'Hi' }],
      attachments: [],
      quoted_text: null,
      inference_options: { tool_choice: null, model: null },
    });
    expect(wire(parsed)).toStrictEqual({
      ...base,
      id: 'msg_1',
      type: 'user_message',
      content: [{ type: 'input_text', text: 'Hi' }],
      attachments: [],
      inference_options: {},
    });
  });

  it('a thread with a null title and null allowed_image_domains', () => {
    const parsed = ThreadMetadata.parse({ id: 'thr_1', title: null, created_at: T, allowed_image_domains: null, metadata: {} });
    expect(Object.keys(wire(parsed) as object)).toEqual(['id', 'created_at', 'status', 'metadata']);
  });

  it('events: a progress update without icon, an error without message, a page without after', () => {
    expect(wire(ThreadStreamEvent.parse({ type: 'progress_update', icon: null, text: 'Working' }))).toStrictEqual({
      type: 'progress_update',
      text: 'Working',
    });
    expect(
      wire(ThreadStreamEvent.parse({ type: 'error', code: 'stream.error', message: null, allow_retry: true })),
    ).toStrictEqual({
      type: 'error',
      code: 'stream.error',
      allow_retry: true,
    });
    expect(wire(ThreadPage.parse({ data: [], has_more: false, after: null }))).toStrictEqual({ data: [], has_more: false });
  });
});

describe('parsing fills in defaults, which are then sent', () => {
  it('thread status, metadata and item page', () => {
    expect(wire(Thread.parse({ id: 'thr_1', created_at: T, items: {} }))).toStrictEqual({
      id: 'thr_1',
      created_at: T,
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    });
  });

  it('item defaults: attachments, annotations, tool call status, task status indicator, workflow expanded', () => {
    const user = ThreadItem.parse({ ...base, id: 'u', type: 'user_message', content: [], inference_options: {} });
    expect(user.type === 'user_message' && user.attachments).toEqual([]);

    const assistant = ThreadItem.parse({
      ...base,
      id: 'a',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'x' }],
    });
    expect(wire(assistant)).toMatchObject({ content: [{ type: 'output_text', text: 'x', annotations: [] }] });

    const call = ThreadItem.parse({ ...base, id: 'c', type: 'client_tool_call', call_id: 'call_1', name: 'f', arguments: {} });
    expect(wire(call)).toStrictEqual({
      ...base,
      id: 'c',
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'call_1',
      name: 'f',
      arguments: {},
    });

    const workflow = ThreadItem.parse({
      ...base,
      id: 'w',
      type: 'workflow',
      workflow: { type: 'custom', tasks: [{ type: 'custom', title: 'foo' }] },
    });
    expect(wire(workflow)).toStrictEqual({
      ...base,
      id: 'w',
      type: 'workflow',
      workflow: { type: 'custom', tasks: [{ status_indicator: 'none', type: 'custom', title: 'foo' }], expanded: false },
    });
  });
});

describe('thread metadata is private', () => {
  it('toWireThread sends metadata as {} and an empty item page', () => {
    const thread = {
      id: 'thr_1',
      created_at: T,
      status: { type: 'active' as const },
      metadata: { secret: 'k', nested: { a: 1 } },
    };
    expect(toWireThread(thread)).toStrictEqual({
      id: 'thr_1',
      created_at: T,
      status: { type: 'active' },
      metadata: {},
      items: { data: [], has_more: false },
    });
    expect(thread.metadata).toStrictEqual({ secret: 'k', nested: { a: 1 } });
  });

  it('thread.created and thread.updated events send metadata as {}', () => {
    const thread = {
      id: 'thr_1',
      title: 'T',
      created_at: T,
      status: { type: 'active' as const },
      metadata: { secret: 'k' },
      items: { data: [], has_more: false },
    };
    for (const type of ['thread.created', 'thread.updated'] as const) {
      expect(toWireEvent({ type, thread })).toStrictEqual({ type, thread: { ...thread, metadata: {} } });
    }
  });
});

describe('hidden items never leave the server', () => {
  const visible = { ...base, id: 'a', type: 'assistant_message' as const, content: [] };
  const hidden = { ...base, id: 'h', type: 'hidden_context_item' as const, content: { any: 'thing' } };
  const sdkHidden = { ...base, id: 's', type: 'sdk_hidden_context' as const, content: 'note' };

  it('are left out of item pages, which keep has_more and after', () => {
    expect(toWireItemPage({ data: [hidden, visible, sdkHidden], has_more: true, after: 's' })).toStrictEqual({
      data: [visible],
      has_more: true,
      after: 's',
    });
  });

  it('are left out of a thread with items', () => {
    const thread = { id: 'thr_1', created_at: T, status: { type: 'active' as const }, metadata: {} };
    expect(toWireThread(thread, { data: [sdkHidden, visible, hidden], has_more: false }).items).toStrictEqual({
      data: [visible],
      has_more: false,
    });
  });
});

describe('attachment metadata is never sent', () => {
  it('is stripped from an attachment without changing the stored object', () => {
    const attachment: Attachment = {
      type: 'file',
      id: 'f',
      name: 'a.txt',
      mime_type: 'text/plain',
      metadata: { source: 'test' },
    };
    expect(toWireAttachment(attachment)).toStrictEqual({ type: 'file', id: 'f', name: 'a.txt', mime_type: 'text/plain' });
    expect(attachment.metadata).toStrictEqual({ source: 'test' });
  });

  it('is stripped from attachments inside user messages, items and events', () => {
    const item = userMessageWithAttachment();
    const { metadata: _dropped, ...shown } = item.attachments[0]!;
    const expected = { ...item, attachments: [shown] };
    expect(toWireItem(item)).toStrictEqual(expected);
    for (const type of ['thread.item.added', 'thread.item.done', 'thread.item.replaced'] as const) {
      expect(toWireEvent({ type, item })).toStrictEqual({ type, item: expected });
    }
    expect(toWireItemPage({ data: [item], has_more: false }).data).toStrictEqual([expected]);
    expect(item.attachments[0]?.metadata).toStrictEqual({ source: 'test' });
  });

  it('an item without attachment metadata is passed through as is', () => {
    const item: ThreadItem = { ...base, id: 'a', type: 'assistant_message', content: [] };
    expect(toWireItem(item)).toBe(item);
  });
});

describe('widgets', () => {
  it('lose null props at every depth', () => {
    const parsed = WidgetRoot.parse({
      type: 'Card',
      id: null,
      key: null,
      padding: { x: 4, y: null },
      children: [{ type: 'Col', gap: null, children: [{ type: 'Text', id: 'text', value: 'x', color: null, streaming: null }] }],
    });
    expect(wire(parsed)).toStrictEqual({
      type: 'Card',
      padding: { x: 4 },
      children: [{ type: 'Col', children: [{ type: 'Text', id: 'text', value: 'x' }] }],
    });
  });

  it('nulls inside free-form values are kept: client tool arguments and output, action payloads', () => {
    const call = ThreadItem.parse({
      ...base,
      id: 'c',
      type: 'client_tool_call',
      status: 'completed',
      call_id: 'call_1',
      name: 'f',
      arguments: { a: null, nested: { b: null } },
      output: { result: null },
    });
    expect(wire(call)).toMatchObject({ arguments: { a: null, nested: { b: null } }, output: { result: null } });

    const request = ChatKitReq.parse({
      type: 'threads.custom_action',
      params: { thread_id: 'thr_1', item_id: null, action: { type: 'save', payload: { value: null } } },
    });
    expect(request.type === 'threads.custom_action' && request.params.action).toStrictEqual({
      type: 'save',
      payload: { value: null },
    });
  });
});

describe('URLs are normalized as pydantic AnyUrl does', () => {
  it('adds the root path to a bare origin and keeps other URLs as they are', () => {
    const image = ImageAttachment.parse({
      type: 'image',
      id: 'i',
      name: 'p.png',
      mime_type: 'image/png',
      preview_url: 'https://example.com',
      upload_descriptor: { url: 'https://example.com/atc_1/upload?sig=a%20b', method: 'PUT' },
    });
    expect(image.preview_url).toBe('https://example.com/');
    expect(image.upload_descriptor).toStrictEqual({
      url: 'https://example.com/atc_1/upload?sig=a%20b',
      method: 'PUT',
      headers: {},
    });
  });

  it('rejects a preview_url that is not a URL', () => {
    expect(
      ImageAttachment.safeParse({ type: 'image', id: 'i', name: 'p', mime_type: 'image/png', preview_url: 'not a url' }).success,
    ).toBe(false);
  });
});

describe('requests as pydantic dumps them, with explicit nulls', () => {
  const input = {
    content: [
      { type: 'input_text', text: 'Hi' },
      { type: 'input_tag', id: 't1', text: '@doc', data: {}, group: null, interactive: false },
    ],
    attachments: [],
    quoted_text: null,
    inference_options: { tool_choice: null, model: null },
  };
  const requests: Array<[string, Record<string, unknown>]> = [
    ['threads.create', { input }],
    ['threads.add_user_message', { thread_id: 'thr_1', input }],
    ['threads.list', { limit: null, order: 'desc', after: null }],
    ['items.list', { thread_id: 'thr_1', limit: null, order: 'desc', after: null }],
    ['threads.custom_action', { thread_id: 'thr_1', item_id: null, action: { type: 'x', payload: null } }],
    ['threads.sync_custom_action', { thread_id: 'thr_1', item_id: null, action: { type: 'x', payload: null } }],
    ['threads.add_client_tool_output', { thread_id: 'thr_1', result: null }],
    [
      'threads.add_structured_input',
      { thread_id: 'thr_1', item_id: 'si_1', input: { status: 'answered', answers: { q: { values: [], skipped: true } } } },
    ],
    ['threads.retry_after_item', { thread_id: 'thr_1', item_id: 'msg_1' }],
    ['threads.get_by_id', { thread_id: 'thr_1' }],
    ['threads.update', { thread_id: 'thr_1', title: 'T' }],
    ['threads.delete', { thread_id: 'thr_1' }],
    ['items.feedback', { thread_id: 'thr_1', item_ids: ['msg_1'], kind: 'positive' }],
    ['attachments.create', { name: 'a.txt', size: 1, mime_type: 'text/plain' }],
    ['attachments.delete', { attachment_id: 'atc_1' }],
    ['input.transcribe', { audio_base64: 'aGk=', mime_type: 'audio/webm' }],
    ['chatwire.threads.stop', { thread_id: 'thr_1' }],
    ['chatwire.threads.resume', { thread_id: 'thr_1', after_event: 0 }],
  ];

  it('covers every request type', () => {
    const covered = new Set(requests.map(([type]) => type));
    expect(ChatKitReq.options.map((option) => option.shape.type.value).filter((type) => !covered.has(type))).toEqual([]);
  });

  it.each(requests)('%s is accepted, and its optional nulls read as absent', (type, params) => {
    const parsed = ChatKitReq.safeParse({ type, params, metadata: {} });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const json = JSON.stringify(parsed.data);
    // Only the free-form values (`result`, `payload`) keep their nulls.
    expect(json.replace(/"(result|payload)":null/g, '')).not.toContain('null');
  });

  it('threads.create keeps the text and tag and drops the null quoted_text, tool choice, model and group', () => {
    const parsed = ChatKitReq.parse({ type: 'threads.create', params: { input }, metadata: {} });
    if (parsed.type !== 'threads.create') throw new Error('wrong type');
    expect(wire(parsed.params.input)).toStrictEqual({
      content: [
        { type: 'input_text', text: 'Hi' },
        { type: 'input_tag', id: 't1', text: '@doc', data: {}, interactive: false },
      ],
      attachments: [],
      inference_options: {},
    });
  });

  it('threads.list with null limit and after reads as the defaults', () => {
    const parsed = ChatKitReq.parse({ type: 'threads.list', params: { limit: null, order: 'desc', after: null } });
    expect(wire(parsed)).toStrictEqual({ type: 'threads.list', params: { order: 'desc' }, metadata: {} });
  });
});
