import type { Attachment, AttachmentCreateParams, ThreadItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors.js';
import type { AttachmentStore } from './store.js';
import { makeServer, textInput, type TestContext } from '@chatwire/test-support/hooked-server';

/**
 * An attachment store that keeps attachments in a map, as the reference's test file store does:
 * ids `atc_1`, `atc_2`…, an upload descriptor pointing at example.com, and private metadata.
 */
class FakeAttachmentStore implements AttachmentStore<TestContext> {
  readonly files = new Map<string, Attachment>();
  readonly deleted: string[] = [];
  private count = 0;

  async createAttachment(input: AttachmentCreateParams, context: TestContext): Promise<Attachment> {
    const id = this.generateAttachmentId(input.mime_type, context);
    const common = {
      id,
      name: input.name,
      mime_type: input.mime_type,
      upload_descriptor: {
        url: `https://example.com/${id}/upload`,
        method: 'PUT' as const,
        headers: { 'X-My-Header': 'my-value' },
      },
      metadata: { source: 'test' },
    };
    const attachment: Attachment = input.mime_type.startsWith('image/')
      ? { ...common, type: 'image', preview_url: `https://example.com/${id}/preview` }
      : { ...common, type: 'file' };
    this.files.set(id, attachment);
    return attachment;
  }

  async deleteAttachment(attachmentId: string): Promise<void> {
    this.deleted.push(attachmentId);
    this.files.delete(attachmentId);
  }

  generateAttachmentId(_mimeType: string, _context: TestContext): string {
    this.count += 1;
    return `atc_${this.count}`;
  }
}

const fileWithMetadata = (id: string): Attachment => ({
  type: 'file',
  id,
  mime_type: 'text/plain',
  name: 'test.txt',
  metadata: { source: 'test' },
});

function userMessage(item: ThreadItem | undefined) {
  if (item?.type !== 'user_message') throw new Error(`Expected a user message, got ${item?.type}`);
  return item;
}

describe('attachments.create', () => {
  it('answers the file attachment from the attachment store with its upload descriptor and without its metadata', async () => {
    const files = new FakeAttachmentStore();
    const { json, store, context } = makeServer({ attachmentStore: files });

    const created = await json('attachments.create', { name: 'test-file-name', size: 1024, mime_type: 'text/plain' });

    expect(created).toStrictEqual({
      id: 'atc_1',
      name: 'test-file-name',
      mime_type: 'text/plain',
      upload_descriptor: { url: 'https://example.com/atc_1/upload', method: 'PUT', headers: { 'X-My-Header': 'my-value' } },
      type: 'file',
    });
    expect(files.files.get('atc_1')?.metadata).toStrictEqual({ source: 'test' });
    // The store keeps what the attachment store returned, private metadata included.
    expect(await store.loadAttachment('atc_1', context)).toStrictEqual(files.files.get('atc_1'));
  });

  it('answers an image attachment with its preview url and without its metadata', async () => {
    const files = new FakeAttachmentStore();
    const { json, store, context } = makeServer({ attachmentStore: files });

    const created = await json('attachments.create', { name: 'photo.png', size: 2048, mime_type: 'image/png' });

    expect(created).toStrictEqual({
      id: 'atc_1',
      name: 'photo.png',
      mime_type: 'image/png',
      upload_descriptor: { url: 'https://example.com/atc_1/upload', method: 'PUT', headers: { 'X-My-Header': 'my-value' } },
      type: 'image',
      preview_url: 'https://example.com/atc_1/preview',
    });
    expect([...files.files.keys()]).toEqual(['atc_1']);
    expect((await store.loadAttachment('atc_1', context)).metadata).toStrictEqual({ source: 'test' });
  });

  it('answers 501 without an attachment store (the reference raises out of process())', async () => {
    const { httpError } = makeServer();
    const { status, body } = await httpError('attachments.create', { name: 'a.txt', size: 1, mime_type: 'text/plain' });
    expect(status).toBe(501);
    expect(body.error.code).toBe('not_implemented');
    expect(body.error.message).toMatch(/attachment store/i);
  });
});

describe('attachments in user messages', () => {
  it('never shows attachment metadata in the stream, items.list or threads.get_by_id, while the store keeps it', async () => {
    const { stream, json, store, context } = makeServer();
    await store.saveAttachment(fileWithMetadata('file_with_metadata'), context);

    const events = await stream('threads.create', { input: textInput('See file', { attachments: ['file_with_metadata'] }) });
    const created = events[0];
    if (created?.type !== 'thread.created') throw new Error('expected thread.created first');
    const threadId = created.thread.id;
    const wireAttachment = {
      id: 'file_with_metadata',
      name: 'test.txt',
      mime_type: 'text/plain',
      thread_id: threadId,
      type: 'file',
    };

    const done = events[1];
    if (done?.type !== 'thread.item.done') throw new Error('expected the user message second');
    expect(userMessage(done.item).attachments).toStrictEqual([wireAttachment]);

    const listed = await json('items.list', { thread_id: threadId, limit: null, order: 'desc', after: null });
    expect(userMessage(listed.data[0]).attachments).toStrictEqual([wireAttachment]);

    const thread = await json('threads.get_by_id', { thread_id: threadId });
    expect(userMessage(thread.items.data[0]).attachments).toStrictEqual([wireAttachment]);

    const stored = userMessage(await store.loadItem(threadId, done.item.id, context));
    expect(stored.attachments).toStrictEqual([{ ...wireAttachment, metadata: { source: 'test' } }]);
  });

  it('threads.create writes the new thread id into the attachment record', async () => {
    const { stream, store, context } = makeServer();
    await store.saveAttachment({ type: 'file', id: 'file_thread_id_on_create', mime_type: 'text/plain', name: 'a.txt' }, context);

    const events = await stream('threads.create', { input: textInput('Hi', { attachments: ['file_thread_id_on_create'] }) });
    const [created, done] = events;
    if (created?.type !== 'thread.created' || done?.type !== 'thread.item.done') throw new Error('unexpected stream start');

    expect((await store.loadAttachment('file_thread_id_on_create', context)).thread_id).toBe(created.thread.id);
    expect(userMessage(done.item).attachments[0]?.thread_id).toBe(created.thread.id);
  });

  it('threads.add_user_message writes the thread id into the attachment record', async () => {
    const { stream, createThread, store, context } = makeServer();
    const { thread } = await createThread('Start');
    await store.saveAttachment({ type: 'file', id: 'file_thread_id_on_add', mime_type: 'text/plain', name: 'b.txt' }, context);

    const events = await stream('threads.add_user_message', {
      thread_id: thread.id,
      input: textInput('Second', { attachments: ['file_thread_id_on_add'] }),
    });

    const done = events[0];
    if (done?.type !== 'thread.item.done') throw new Error('expected the user message first');
    expect(events).toStrictEqual([
      {
        type: 'thread.item.done',
        item: {
          id: done.item.id,
          thread_id: thread.id,
          created_at: done.item.created_at,
          type: 'user_message',
          content: [{ type: 'input_text', text: 'Second' }],
          attachments: [
            { type: 'file', id: 'file_thread_id_on_add', mime_type: 'text/plain', name: 'b.txt', thread_id: thread.id },
          ],
          inference_options: {},
        },
      },
      { type: 'stream_options', stream_options: { allow_cancel: true } },
    ]);
    expect((await store.loadAttachment('file_thread_id_on_add', context)).thread_id).toBe(thread.id);
  });

  it('threads.create naming an unknown attachment answers 404 and writes nothing (the reference opens a stream and leaves an empty thread)', async () => {
    const { httpError, json, store, context } = makeServer();
    await store.saveAttachment({ type: 'file', id: 'known', mime_type: 'text/plain', name: 'k.txt' }, context);

    const { status, body } = await httpError('threads.create', { input: textInput('Hi', { attachments: ['known', 'missing'] }) });

    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(await json('threads.list', { limit: null, order: 'desc', after: null })).toStrictEqual({ data: [], has_more: false });
    // The attachment that did exist was not tied to a thread that never came to be.
    expect((await store.loadAttachment('known', context)).thread_id).toBeUndefined();
  });

  it("threads.create naming another user's attachment answers 404 and creates no thread", async () => {
    const { httpError, json, store } = makeServer();
    await store.saveAttachment(
      { type: 'file', id: 'theirs', mime_type: 'text/plain', name: 't.txt' },
      { userId: 'someone_else' },
    );

    const { status } = await httpError('threads.create', { input: textInput('Hi', { attachments: ['theirs'] }) });

    expect(status).toBe(404);
    expect((await json('threads.list', {})).data).toEqual([]);
  });

  it('threads.add_user_message naming an unknown attachment answers 404 and adds no message', async () => {
    const { httpError, json, createThread } = makeServer();
    const { thread } = await createThread('Start');

    const { status } = await httpError('threads.add_user_message', {
      thread_id: thread.id,
      input: textInput('Second', { attachments: ['missing'] }),
    });

    expect(status).toBe(404);
    const items = await json('items.list', { thread_id: thread.id });
    expect(items.data.map((item) => item.type)).toEqual(['user_message']);
  });
});

describe('attachments.delete', () => {
  it('deletes the bytes from the attachment store and the metadata from the store', async () => {
    const files = new FakeAttachmentStore();
    const { json, store, context } = makeServer({ attachmentStore: files });
    await json('attachments.create', { name: 'test-file-name', size: 1024, mime_type: 'text/plain' });

    const answer = await json('attachments.delete', { attachment_id: 'atc_1' });

    expect(answer).toStrictEqual({});
    expect(files.deleted).toEqual(['atc_1']);
    expect(files.files.size).toBe(0);
    await expect(store.loadAttachment('atc_1', context)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 404 for an attachment the store does not know and leaves the attachment store alone (the reference does not check)', async () => {
    const files = new FakeAttachmentStore();
    const { httpError } = makeServer({ attachmentStore: files });

    const { status, body } = await httpError('attachments.delete', { attachment_id: 'test-file-id' });

    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
    expect(files.deleted).toEqual([]);
  });

  it('answers 501 without an attachment store (the reference raises out of process())', async () => {
    const { httpError, store, context } = makeServer();
    await store.saveAttachment(fileWithMetadata('file_1'), context);

    const { status, body } = await httpError('attachments.delete', { attachment_id: 'file_1' });

    expect(status).toBe(501);
    expect(body.error.code).toBe('not_implemented');
    expect((await store.loadAttachment('file_1', context)).id).toBe('file_1');
  });
});
