import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attachment } from '@chatwire/protocol';
import { parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_START_TIMEOUT_MS, startApp, type RunningApp } from '../test-support/app-harness.js';

/** The whole app over HTTP with a 1 KB attachment cap, so the cap is cheap to cross. */
const MAX_BYTES = 1024;
let running: RunningApp;
let token: string;

beforeAll(async () => {
  running = await startApp({ CHATWIRE_MAX_ATTACHMENT_BYTES: String(MAX_BYTES) });
  token = await running.login('attachment-user', 'Attachment User');
}, APP_START_TIMEOUT_MS);

afterAll(() => running.close());

const bearer = () => ({ Authorization: `Bearer ${token}` });

async function create(name: string, size: number, mime_type: string): Promise<Attachment> {
  const response = await running.chatkit({ type: 'attachments.create', params: { name, size, mime_type } }, { token });
  expect(response.status).toBe(200);
  return parseJsonResponse('attachments.create', await response.text());
}

function uploadUrl(attachment: Attachment): string {
  if (!attachment.upload_descriptor) throw new Error('no upload descriptor');
  return attachment.upload_descriptor.url;
}

async function userFiles(): Promise<string[]> {
  const dir = join(running.dataDir, 'attachments', createHash('sha256').update('attachment-user').digest('hex'));
  return readdir(dir).catch(() => []);
}

describe('attachments in the app', () => {
  it('attachments.create names the app’s own upload route; images get a preview at the download route', async () => {
    const file = await create('notes.txt', 5, 'text/plain');
    expect(file).toEqual({
      type: 'file',
      id: expect.stringMatching(/^atc_[0-9a-f]{16}$/),
      name: 'notes.txt',
      mime_type: 'text/plain',
      upload_descriptor: { url: `${running.base}/chatkit/attachments/${file.id}/upload`, method: 'PUT', headers: {} },
    });
    const image = await create('photo.png', 4, 'image/png');
    expect(image).toMatchObject({ type: 'image', preview_url: `${running.base}/chatkit/attachments/${image.id}` });
  });

  it('a raw PUT upload is stored, the descriptor is cleared, and the download returns the same bytes and safe headers', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
    const attachment = await create('report "final".bin', bytes.byteLength, 'application/octet-stream');
    const uploaded = await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: bytes });
    expect(uploaded.status).toBe(200);
    const body = await uploaded.json();
    expect(body).toEqual({ type: 'file', id: attachment.id, name: 'report "final".bin', mime_type: 'application/octet-stream' });

    const downloaded = await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() });
    expect(downloaded.status).toBe(200);
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);
    expect(downloaded.headers.get('content-type')).toBe('application/octet-stream');
    expect(downloaded.headers.get('content-disposition')).toBe(
      `attachment; filename="report _final_.bin"; filename*=UTF-8''report%20%22final%22.bin`,
    );
    expect(downloaded.headers.get('x-content-type-options')).toBe('nosniff');
    expect(downloaded.headers.get('cache-control')).toBe('private');
  });

  it('a multipart upload stores the "file" field; an image downloads inline with its type', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const attachment = await create('pic.png', png.byteLength, 'image/png');
    const form = new FormData();
    form.set('file', new Blob([png], { type: 'image/png' }), 'pic.png');
    const uploaded = await fetch(uploadUrl(attachment), { method: 'POST', headers: bearer(), body: form });
    expect(uploaded.status).toBe(200);

    const downloaded = await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() });
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(png);
    expect(downloaded.headers.get('content-type')).toBe('image/png');
    expect(downloaded.headers.get('content-disposition')).toBe(`inline; filename="pic.png"; filename*=UTF-8''pic.png`);
  });

  it('an HTML file declared as such is served as a download, never inline', async () => {
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    const attachment = await create('page.html', html.byteLength, 'text/html');
    expect((await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: html })).status).toBe(200);
    const downloaded = await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() });
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(downloaded.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('the same attachment cannot be uploaded twice (409), and its bytes stay as first sent', async () => {
    const attachment = await create('once.txt', 3, 'text/plain');
    expect((await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: 'abc' })).status).toBe(200);
    const again = await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: 'xyz' });
    expect(again.status).toBe(409);
    expect(parseErrorResponse(await again.text()).error.code).toBe('already_uploaded');
    expect(await (await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() })).text()).toBe('abc');
  });

  it('sizes over CHATWIRE_MAX_ATTACHMENT_BYTES are refused with 413, declared or uploaded, and nothing is kept', async () => {
    const declared = await running.chatkit(
      { type: 'attachments.create', params: { name: 'big.bin', size: MAX_BYTES + 1, mime_type: 'application/octet-stream' } },
      { token },
    );
    expect(declared.status).toBe(413);
    expect(parseErrorResponse(await declared.text()).error.code).toBe('attachment_too_large');

    const attachment = await create('liar.bin', 10, 'application/octet-stream');
    const before = await userFiles();
    const tooBig = await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: new Uint8Array(MAX_BYTES + 1) });
    expect(tooBig.status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new Uint8Array(400));
        controller.close();
      },
    });
    const chunked = await fetch(uploadUrl(attachment), {
      method: 'PUT',
      headers: bearer(),
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await userFiles()).toEqual(before);
    // Still waiting for its bytes: the upload descriptor was not cleared.
    const missing = await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() });
    expect(missing.status).toBe(404);
  });

  it('a multipart upload that grows past the cap without declaring its length is refused with 413 as it streams', async () => {
    const attachment = await create('big.bin', MAX_BYTES, 'application/octet-stream');
    const before = await userFiles();
    const encoder = new TextEncoder();
    const boundary = 'chatwire-test-boundary';
    // 64 KiB of multipart overhead is allowed on top of the cap; this body goes well past both.
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`),
        );
        for (let i = 0; i < 80; i += 1) controller.enqueue(new Uint8Array(1024));
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const headers = { ...bearer(), 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const response = await fetch(uploadUrl(attachment), {
      method: 'PUT',
      headers,
      body: streamed,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(parseErrorResponse(await response.text()).error).toEqual({
      code: 'attachment_too_large',
      message: `Attachments may be at most ${MAX_BYTES} bytes`,
    });
    expect(await userFiles()).toEqual(before);
  });

  it('an upload of a different size than attachments.create declared is refused (400) and not kept', async () => {
    const attachment = await create('short.txt', 10, 'text/plain');
    const response = await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: 'abc' });
    expect(response.status).toBe(400);
    expect(parseErrorResponse(await response.text()).error.code).toBe('size_mismatch');
    expect(await userFiles()).not.toContain(attachment.id);
  });

  it.each([
    ['GET', '/chatkit/attachments/..%2F..%2Fdev-signing-key.json'],
    ['GET', '/chatkit/attachments/%2E%2E%2Fpglite'],
    ['PUT', '/chatkit/attachments/..%2F..%2Fdev-signing-key.json/upload'],
    ['PUT', '/chatkit/attachments/atc_..%2F..%2F..%2Fetc%2Fpasswd/upload'],
    ['GET', '/chatkit/attachments/atc_0123456789abcdef%00'],
  ])('%s %s, not an attachment id, is a 404 and touches nothing', async (method, path) => {
    const before = await userFiles();
    const response = await fetch(`${running.base}${path}`, {
      method,
      headers: bearer(),
      ...(method === 'PUT' ? { body: 'x' } : {}),
    });
    expect(response.status).toBe(404);
    expect(parseErrorResponse(await response.text()).error.code).toBe('not_found');
    expect(await userFiles()).toEqual(before);
  });

  it('attachments.delete removes the bytes; the download then answers 404', async () => {
    const attachment = await create('gone.txt', 2, 'text/plain');
    await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: 'hi' });
    expect(await userFiles()).toContain(attachment.id);
    const deleted = await running.chatkit({ type: 'attachments.delete', params: { attachment_id: attachment.id } }, { token });
    expect(deleted.status).toBe(200);
    expect(await userFiles()).not.toContain(attachment.id);
    expect((await fetch(`${running.base}/chatkit/attachments/${attachment.id}`, { headers: bearer() })).status).toBe(404);
  });
});

describe('who may read an attachment', () => {
  let id: string;
  let cookie: string;

  beforeAll(async () => {
    const attachment = await create('cookie.txt', 2, 'text/plain');
    await fetch(uploadUrl(attachment), { method: 'PUT', headers: bearer(), body: 'ok' });
    id = attachment.id;
    cookie = `chatwire_session=${token}`;
  });

  const download = (headers: Record<string, string>) =>
    fetch(`${running.base}/chatkit/attachments/${id}`, { headers: { Cookie: cookie, ...headers } });

  it('a cookie GET from the app’s own page (an <img>: Sec-Fetch-Site same-origin, no Origin) is served', async () => {
    const response = await download({ 'Sec-Fetch-Site': 'same-origin' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('a cookie GET with the app’s own Origin is served', async () => {
    expect((await download({ Origin: running.base })).status).toBe(200);
  });

  it.each([
    ['cross-site, no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['same-site (a sibling subdomain), no Origin', { 'Sec-Fetch-Site': 'same-site' }],
    ['no fetch metadata and no Origin', {}],
    ['a foreign Origin, even claiming same-origin', { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' }],
  ])('a cookie GET %s is refused with 403', async (_name, headers) => {
    const response = await download(headers);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('ok"');
  });

  it('no credentials at all is 401 on both routes', async () => {
    expect((await fetch(`${running.base}/chatkit/attachments/${id}`)).status).toBe(401);
    expect((await fetch(`${running.base}/chatkit/attachments/${id}/upload`, { method: 'PUT', body: 'x' })).status).toBe(401);
  });
});
