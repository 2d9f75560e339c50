import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteClient } from '@chatwire/postgres/pglite';
import { collectEvents, parseErrorResponse, parseJsonResponse } from '@chatwire/server/testing';
import { generateMalformedBodies, mulberry32, type MalformedBody } from '@chatwire/test-support/malformed-bodies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApp, type SpawnedApp } from './test-support/built-app.js';
import { textInput } from './test-support/in-process-app.js';

/**
 * The built app in its own process on PGlite, sent every malformed body the generator makes (bad
 * JSON, wrong types, missing fields, huge and deeply nested bodies, invalid UTF-8, text no
 * database can store in every string field, prototype keys) with all sorts of content types:
 * each must be a 400 or 413 JSON answer, the connection must hold, the app must stay healthy
 * and nothing may be written. Then unusual but storable text in every string field is stored
 * and read back exactly.
 */

const BODIES = generateMalformedBodies();
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'text/event-stream',
  'application/octet-stream',
  undefined,
] as const;
const CONCURRENCY = 4;

let dataDir: string;
let app: SpawnedApp;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatwire-fuzz-'));
  app = await spawnApp({ CHATWIRE_DATA_DIR: dataDir, CHATWIRE_RATE_LIMIT: '0', CHATWIRE_OFFLINE_WORD_DELAY_MS: '0' });
  await app.waitUntilReady();
  token = await app.login('fuzz-user');
}, 240_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

/** Everything wrong with the answer to one body, or nothing. */
async function problemsWith(expected: number, response: Response): Promise<string[]> {
  const problems: string[] = [];
  if (response.status !== expected) problems.push(`status ${response.status}, expected ${expected}`);
  const text = await response.text();
  try {
    const { error } = parseErrorResponse(text);
    if (error.message.length > 1000) problems.push('the message echoes the input');
  } catch {
    problems.push(`not a JSON error body: ${text.slice(0, 120)}`);
  }
  if (/\n\s+at\s|node:internal|\.js:\d+/.test(text)) problems.push('the answer shows a stack trace');
  return problems;
}

/** Sends every body to `path` (with the fuzz user's token unless `expect` says 401), four at a time. */
async function sendAll(
  bodies: MalformedBody[],
  path: string,
  expect: 'as generated' | 401 = 'as generated',
): Promise<{ failures: string[]; statuses: Map<number, number> }> {
  const rand = mulberry32(0xf22);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const contentType = CONTENT_TYPES[Math.floor(rand() * CONTENT_TYPES.length)];
      const headers: Record<string, string> = {};
      if (contentType) headers['Content-Type'] = contentType;
      if (expect !== 401) headers.Authorization = `Bearer ${token}`;
      try {
        const response = await fetch(`${app.base}${path}`, { method: 'POST', headers, body: body.body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problems = await problemsWith(expect === 401 ? 401 : body.status, response);
        if (problems.length > 0) failures.push(`[${body.category}] ${body.label} (${contentType}): ${problems.join('; ')}`);
      } catch (error) {
        failures.push(`[${body.category}] ${body.label}: the connection failed: ${String((error as Error).cause ?? error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { failures, statuses };
}

describe('the running app under malformed requests', () => {
  it('answers at least 2,000 malformed /chatkit bodies with 400 or 413 JSON, never a 5xx or a dropped connection', async () => {
    expect(BODIES.length).toBeGreaterThanOrEqual(2000);
    const categories = new Set(BODIES.map((body) => body.category));
    expect([...categories]).toEqual(
      expect.arrayContaining([
        'json-syntax',
        'wrong-type',
        'huge',
        'deep-nesting',
        'invalid-utf8',
        'unstorable-text',
        'prototype-keys',
      ]),
    );
    const { failures, statuses } = await sendAll(BODIES, '/chatkit');
    if (failures.length > 0)
      expect.fail(`${failures.length} of ${BODIES.length} answered wrongly; first: ${failures.slice(0, 3).join(' | ')}`);
    expect([...statuses.keys()].sort()).toEqual([400, 413]);
  }, 600_000);

  it('answers malformed bodies without credentials with 401, and malformed sign-ins with 400', async () => {
    // An anonymous body is never read: the 401 comes at once and the connection closes after it, so a
    // client still sending megabytes sees its write fail. Bodies a browser or script would send are small.
    const sample = BODIES.filter((body, index) => index % 10 === 0 && Buffer.byteLength(body.body) <= 64 * 1024);
    const anonymous = await sendAll(sample, '/chatkit', 401);
    expect(anonymous.failures).toEqual([]);
    const signIns = await sendAll(
      sample.filter((body) => body.status === 400 && Buffer.byteLength(body.body) <= 4096),
      '/auth/dev/login',
    );
    expect(signIns.failures).toEqual([]);
  }, 600_000);

  it('is healthy afterwards and wrote nothing', async () => {
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
    const listed = await app.chatkit({ type: 'threads.list', params: {} }, token);
    expect(parseJsonResponse('threads.list', await listed.text())).toEqual({ data: [], has_more: false });
    expect(await app.stop('SIGTERM')).toBe(0);

    const client = await createPgliteClient({ dataDir: join(dataDir, 'pglite') });
    try {
      for (const table of ['chatwire_threads', 'chatwire_items', 'chatwire_attachments', 'chatwire_feedback', 'chatwire_usage']) {
        const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
        expect({ table, count: rows[0]?.count }).toEqual({ table, count: 0 });
      }
    } finally {
      await client.close();
    }
  }, 240_000);
});

describe('unusual but storable text in every string field', () => {
  const TEXTS = [
    'controls \u0001\u0002\u0007\u001b\u007f\u0085 inside',
    'line and paragraph separators \u2028\u2029, no-break \u00a0',
    'bidi \u202eoverride\u202c \u2066isolate\u2069 \u200e\u200f zero\u200bwidth',
    '\ufeffbyte-order mark first',
    'noncharacters \ufffe\uffff and private use \ue000\uf8ff \udb80\udc00',
    'astral 𝕳𝖊𝖑𝖑𝖔 😀 👩🏽‍💻 🇺🇳',
    'combining e\u0301\u0301\u0301',
    'the six characters \\u0000 and a backslash \\',
    '<script>alert(1)</script> & "quotes"',
    '\t tabs \r\n and \r line ends \n',
  ];

  it('stores message text, titles and attachment names exactly, and reads them back as sent', async () => {
    app = await spawnApp({ CHATWIRE_DATA_DIR: dataDir, CHATWIRE_RATE_LIMIT: '0', CHATWIRE_OFFLINE_WORD_DELAY_MS: '0' });
    await app.waitUntilReady();
    const owner = await app.login('unusual-text-user');
    for (const text of TEXTS) {
      const attachment = parseJsonResponse(
        'attachments.create',
        await (
          await app.chatkit({ type: 'attachments.create', params: { name: text, size: 3, mime_type: 'text/plain' } }, owner)
        ).text(),
      );
      expect(attachment.name).toBe(text);
      const upload = await fetch(attachment.upload_descriptor!.url.replace(/^https?:\/\/[^/]+/, app.base), {
        method: 'PUT',
        headers: { Authorization: `Bearer ${owner}` },
        body: 'abc',
      });
      expect(upload.status).toBe(200);
      const events = await collectEvents(
        await app.chatkit(
          { type: 'threads.create', params: { input: { ...textInput(text), attachments: [attachment.id], quoted_text: text } } },
          owner,
        ),
      );
      const threadId = events[0]?.type === 'thread.created' ? events[0].thread.id : '';
      const renamed = await app.chatkit({ type: 'threads.update', params: { thread_id: threadId, title: text } }, owner);
      expect(renamed.status).toBe(200);

      const thread = parseJsonResponse(
        'threads.get_by_id',
        await (await app.chatkit({ type: 'threads.get_by_id', params: { thread_id: threadId } }, owner)).text(),
      );
      expect(thread.title).toBe(text);
      const message = thread.items.data.find((item) => item.type === 'user_message');
      expect(message?.type === 'user_message' && message.content[0]?.text).toBe(text);
      expect(message?.type === 'user_message' && message.quoted_text).toBe(text);
      expect(message?.type === 'user_message' && message.attachments[0]?.name).toBe(text);
    }
  }, 300_000);

  it('takes page context and display names with unstorable text (they are cleaned, never stored as sent)', async () => {
    const owner = await app.login('page-context-user');
    const page = { title: 'Title \u0000 with NUL', description: 'lone \ud800 surrogate', headings: ['\udfffHeading', 'Fine'] };
    const response = await app.chatkit(
      {
        type: 'threads.create',
        params: { input: textInput('What is this page?') },
        metadata: { pageContext: page, userInfo: { name: 'A\u0000B' } },
      },
      owner,
    );
    expect(response.status).toBe(200);
    const events = await collectEvents(response);
    expect(events.findLast((event) => event.type === 'thread.item.done')).toMatchObject({ item: { type: 'assistant_message' } });
    const refused = await fetch(`${app.base}/auth/dev/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: 'alice\ud800' }),
    });
    expect(refused.status).toBe(400);
    expect(parseErrorResponse(await refused.text()).error.message).toBe('user_id: must be valid Unicode text');
  }, 120_000);
});
