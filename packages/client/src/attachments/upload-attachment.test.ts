import type { Attachment } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { ChatKitClient } from '../chatkit-client.js';
import { uploadAttachment } from './upload-attachment.js';

const CREATED: Attachment = {
  id: 'atc_1',
  type: 'file',
  name: 'notes.txt',
  mime_type: 'text/plain',
  upload_descriptor: { url: 'http://app.test/upload/atc_1', method: 'PUT', headers: {} },
};

/** A two-phase upload endpoint: answers `attachments.create`, records deletes, and lets the test decide each byte upload. */
function uploadEndpoint(answerUpload: (signal: AbortSignal | null | undefined) => Promise<Response>) {
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.endsWith('/chatkit')) {
      const { type } = (await request.json()) as { type: string };
      requests.push(type);
      if (type === 'attachments.create') return Response.json(CREATED);
      return Response.json({});
    }
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return answerUpload(init?.signal);
  };
  return { requests, client: new ChatKitClient({ url: 'http://app.test/chatkit', fetch }) };
}

const file = Object.assign(new Blob(['some words'], { type: 'text/plain' }), { name: 'notes.txt' });

describe('two-phase uploads', () => {
  it('a removal while the bytes upload aborts the upload and deletes the attachment the server created', async () => {
    const abort = new AbortController();
    const { requests, client } = uploadEndpoint(
      (signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
          abort.abort();
        }),
    );
    await expect(uploadAttachment(client, file, { type: 'two_phase' }, { signal: abort.signal })).rejects.toThrow();
    expect(requests).toEqual(['attachments.create', 'PUT /upload/atc_1', 'attachments.delete']);
  });

  it('a removal before attachments.create answers still deletes what the server created, and sends no bytes', async () => {
    const abort = new AbortController();
    abort.abort();
    const { requests, client } = uploadEndpoint(() => Promise.resolve(new Response(null, { status: 204 })));
    await expect(uploadAttachment(client, file, { type: 'two_phase' }, { signal: abort.signal })).rejects.toThrow();
    expect(requests).toEqual(['attachments.create', 'attachments.delete']);
  });

  it('a byte upload the server refuses deletes the created attachment and reports the failure', async () => {
    const { requests, client } = uploadEndpoint(() =>
      Promise.resolve(Response.json({ error: { code: 'x', message: 'no' } }, { status: 500 })),
    );
    await expect(uploadAttachment(client, file)).rejects.toThrow();
    expect(requests).toEqual(['attachments.create', 'PUT /upload/atc_1', 'attachments.delete']);
  });

  it('a finished upload resolves to the attachment without its upload descriptor and deletes nothing', async () => {
    const { requests, client } = uploadEndpoint(() => Promise.resolve(new Response(null, { status: 204 })));
    const attachment = await uploadAttachment(client, file);
    expect(attachment).toEqual({ id: 'atc_1', type: 'file', name: 'notes.txt', mime_type: 'text/plain' });
    expect(requests).toEqual(['attachments.create', 'PUT /upload/atc_1']);
  });
});
