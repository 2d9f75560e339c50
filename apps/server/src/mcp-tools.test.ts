import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadDevIdentity } from '@chatwire/auth';
import { parseEvent } from '@chatwire/server/testing';
import { silentLogger } from '@chatwire/server';
import type { ThreadStreamEvent } from '@chatwire/protocol';
import { AUDIENCE, ISSUER, makeKey, signToken, startJwksServer } from '@chatwire/test-support/jwks';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database/open-database.js';
import { spawnApp, type SpawnedApp } from './test-support/built-app.js';
import { textInput } from './test-support/in-process-app.js';
import {
  freePort,
  startNotesServer,
  startRecordingProxy,
  type NotesServer,
  type RecordingProxy,
} from './test-support/notes-mcp.js';

/**
 * The built app, the example MCP server (`examples/mcp-notes`, its own process, behind a proxy
 * that records what the app sends it) and the mock model issuing tool calls: tools act for the
 * signed-in user with tokens the app mints per request, and no token is ever seen by the model,
 * stored, streamed or logged.
 */

let mock: MockOpenAI;
let app: SpawnedApp;
let notes: NotesServer | undefined;
let proxy: RecordingProxy;
let dataDir: string;
const streams: string[] = [];
const userTokens: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
  dataDir = await mkdtemp(join(tmpdir(), 'chatwire-mcp-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  proxy = await startRecordingProxy(() => notes?.url);
  notes = await startNotesServer({ jwksUrl: `${base}/.well-known/jwks.json`, publicUrl: proxy.url });
  const deadPort = await freePort();
  app = await spawnApp({
    CHATWIRE_DATA_DIR: dataDir,
    PORT: String(port),
    OPENAI_BASE_URL: mock.baseURL,
    CHATWIRE_LOG_LEVEL: 'debug',
    CHATWIRE_MCP_SERVERS: JSON.stringify([
      { name: 'notes', url: proxy.url, auth: 'app-token' },
      { name: 'vault', url: proxy.url, approval: ['add_note'] },
      { name: 'search', url: `http://127.0.0.1:${deadPort}/mcp` },
      // Gets the caller's own token, which the notes server refuses (its audience is the app's sessions).
      { name: 'mirror', url: proxy.url, auth: 'user-token' },
    ]),
  });
  await app.waitUntilReady();
}, 120_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await notes?.stop();
  await proxy?.close();
  await mock?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function login(userId: string): Promise<string> {
  const token = await app.login(userId);
  userTokens.push(token);
  return token;
}

/** Sends a streamed request and returns its events; the raw stream is kept for the token scan. */
async function stream(body: unknown, token: string): Promise<ThreadStreamEvent[]> {
  const response = await app.chatkit(body, token);
  expect(response.status).toBe(200);
  const raw = await response.text();
  streams.push(raw);
  return raw
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => parseEvent(frame.slice('data: '.length)));
}

const notices = (events: ThreadStreamEvent[]) => events.flatMap((event) => (event.type === 'notice' ? [event.message] : []));

function createdThreadId(events: ThreadStreamEvent[]): string {
  const first = events[0];
  if (first?.type !== 'thread.created') throw new Error(`expected thread.created, got ${first?.type}`);
  return first.thread.id;
}

function assistantText(events: ThreadStreamEvent[]): string {
  return events
    .flatMap((event) => (event.type === 'thread.item.done' && event.item.type === 'assistant_message' ? event.item.content : []))
    .map((part) => part.text)
    .join('');
}

/** What the model was last told a tool returned (Chat Completions `role: "tool"` messages). */
function lastToolOutputs(): string[] {
  const body = mock.requests.at(-1)?.body as { messages?: { role: string; content: unknown }[] } | undefined;
  return (body?.messages ?? []).filter((message) => message.role === 'tool').map((message) => JSON.stringify(message.content));
}

async function mcpInitialize(token: string): Promise<Response> {
  return fetch(notes!.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
    }),
  });
}

describe('MCP tools acting for the signed-in user', () => {
  it("user A adds a note through the chat; user B lists notes and gets none of A's", async () => {
    const alice = await login('alice-mcp');
    const bob = await login('bob-mcp');

    mock.reply({ toolCalls: [{ name: 'notes_add_note', arguments: { text: 'Buy oat milk' } }] }, { text: ['Saved it.'] });
    const added = await stream({ type: 'threads.create', params: { input: textInput('Note: buy oat milk') } }, alice);
    expect(assistantText(added)).toBe('Saved it.');
    expect(lastToolOutputs().join('\n')).toMatch(/Saved note [0-9a-f-]{36}/);
    // The call shows as a workflow task, loading then complete.
    const task = added.find(
      (event) => event.type === 'thread.item.added' && event.item.type === 'workflow' && event.item.workflow.tasks.length > 0,
    );
    expect(task?.type === 'thread.item.added' && task.item.type === 'workflow' && task.item.workflow.tasks[0]).toMatchObject({
      type: 'custom',
      title: 'Notes add note',
      status_indicator: 'loading',
    });
    expect(added.some((event) => event.type === 'progress_update' && event.text === 'Asking notes…')).toBe(true);

    mock.reply({ toolCalls: [{ name: 'notes_list_notes', arguments: {} }] }, { text: ['Nothing yet.'] });
    const listed = await stream({ type: 'threads.create', params: { input: textInput('What are my notes?') } }, bob);
    expect(assistantText(listed)).toBe('Nothing yet.');
    expect(lastToolOutputs().join('\n')).toContain('No notes.');
    expect(lastToolOutputs().join('\n')).not.toContain('oat milk');

    mock.reply({ toolCalls: [{ name: 'notes_search_notes', arguments: { query: 'OAT' } }] }, { text: ['Found it.'] });
    await stream({ type: 'threads.create', params: { input: textInput('Find the oat note') } }, alice);
    expect(lastToolOutputs().join('\n')).toContain('Buy oat milk');

    // Every request to the MCP server carried a token for one user, never shared: minted for the
    // server's audience, or (auth "user-token") the caller's own.
    const claims = proxy.authorizations.map((header) => JSON.parse(atob(header.split('.')[1]!)) as { sub: string; aud: string });
    expect([...new Set(claims.map((claim) => claim.sub))].sort()).toEqual(['alice-mcp', 'bob-mcp']);
    expect([...new Set(claims.map((claim) => claim.aud))].sort()).toEqual(['chatwire', proxy.url]);
    expect(proxy.authorizations).toContain(`Bearer ${alice}`);
    expect(proxy.authorizations).toContain(`Bearer ${bob}`);
    expect(app.output()).toContain('An MCP server receives the users\' own tokens (auth \\"user-token\\")');
    expect(notices(listed)).toContain('The **mirror** tools are unavailable right now; the assistant is answering without them.');
  }, 60_000);

  it('the example server refuses expired, wrong-audience and foreign tokens, and accepts a fresh one for its audience', async () => {
    const signer = await loadDevIdentity({ dataDir, origin: app.base });
    const good = await signer.mintToken({ userId: 'alice-mcp', audience: proxy.url, ttlSec: 60 });
    expect((await mcpInitialize(good)).status).toBe(200);

    const wrongAudience = await signer.mintToken({ userId: 'alice-mcp', audience: 'http://127.0.0.1:1/other', ttlSec: 60 });
    const refused = await mcpInitialize(wrongAudience);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('ERR_JWT_CLAIM_VALIDATION_FAILED');

    const otherDir = await mkdtemp(join(tmpdir(), 'chatwire-mcp-other-'));
    try {
      const stranger = await loadDevIdentity({ dataDir: otherDir, origin: app.base });
      const foreign = await stranger.mintToken({ userId: 'alice-mcp', audience: proxy.url, ttlSec: 60 });
      expect((await mcpInitialize(foreign)).status).toBe(401);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }

    const shortLived = await signer.mintToken({ userId: 'alice-mcp', audience: proxy.url, ttlSec: 1 });
    await sleep(2_100);
    const expired = await mcpInitialize(shortLived);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('ERR_JWT_EXPIRED');
    expect((await mcpInitialize('')).status).toBe(401);
  }, 30_000);

  it('a server down since startup leaves the chat answering, with a notice naming it', async () => {
    const carol = await login('carol-mcp');
    mock.reply({ text: ['Hello without search.'] });
    const events = await stream({ type: 'threads.create', params: { input: textInput('hello') } }, carol);
    expect(assistantText(events)).toBe('Hello without search.');
    const notices = events.filter((event) => event.type === 'notice');
    expect(notices).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining('**search**') }));
    // The model was never offered the dead server's tools.
    const offered = JSON.stringify((mock.requests.at(-1)?.body as { tools?: unknown }).tools);
    expect(offered).toContain('notes_add_note');
    expect(offered).not.toContain('"name":"search_');
  }, 30_000);

  it('a server failing mid-conversation: the model gets a tool error, the chat answers, the notice names its tools', async () => {
    const dave = await login('dave-mcp');
    mock.reply({ toolCalls: [{ name: 'notes_list_notes', arguments: {} }] }, { text: ['Notes are unreachable right now.'] });
    proxy.failCalls = true;
    try {
      const events = await stream({ type: 'threads.create', params: { input: textInput('list my notes') } }, dave);
      expect(assistantText(events)).toBe('Notes are unreachable right now.');
      expect(lastToolOutputs().join('\n')).toContain('The notes server is unavailable right now.');
      const notice = events.find((event) => event.type === 'notice' && event.message.includes('**notes**'));
      expect(notice?.type === 'notice' && notice.message).toContain('`notes_list_notes`');
      expect(events.some((event) => event.type === 'error')).toBe(false);
    } finally {
      proxy.failCalls = false;
    }
  }, 30_000);

  it('a tool needing approval pauses the run; Deny goes back to the model as a refusal, Approve runs it', async () => {
    const erin = await login('erin-mcp');
    mock.reply({ toolCalls: [{ name: 'vault_add_note', arguments: { text: 'secret plan' } }] });
    const paused = await stream({ type: 'threads.create', params: { input: textInput('save my plan') } }, erin);
    const threadId = createdThreadId(paused);
    const card = paused.find((event) => event.type === 'thread.item.done' && event.item.type === 'widget');
    if (card?.type !== 'thread.item.done' || card.item.type !== 'widget')
      throw new Error(`no approval card: ${JSON.stringify(paused)}\n${app.output().slice(-3000)}`);
    expect(JSON.stringify(card.item.widget)).toContain('"label":"Approve"');
    const callsBefore = proxy.bodies.filter((body) => body.includes('"tools/call"')).length;

    mock.reply({ text: ['Understood, not saved.'] });
    const denied = await stream(
      {
        type: 'threads.custom_action',
        params: {
          thread_id: threadId,
          item_id: card.item.id,
          action: { type: 'chatwire.tool_approval', payload: { decision: 'deny' } },
        },
      },
      erin,
    );
    expect(assistantText(denied)).toBe('Understood, not saved.');
    expect(lastToolOutputs().join('\n')).toContain('The user denied this tool call');
    expect(proxy.bodies.filter((body) => body.includes('"tools/call"')).length).toBe(callsBefore);
    const replaced = denied.find((event) => event.type === 'thread.item.replaced');
    expect(JSON.stringify(replaced)).toContain('Denied');
    expect(JSON.stringify(replaced)).not.toContain('"label":"Approve"');

    // A second click on a decided card changes nothing.
    const again = await stream(
      {
        type: 'threads.custom_action',
        params: {
          thread_id: threadId,
          item_id: card.item.id,
          action: { type: 'chatwire.tool_approval', payload: { decision: 'approve' } },
        },
      },
      erin,
    );
    expect(again.filter((event) => event.type !== 'stream_options')).toEqual([
      expect.objectContaining({ type: 'notice', message: 'This approval is no longer pending.' }),
    ]);

    mock.reply({ toolCalls: [{ name: 'vault_add_note', arguments: { text: 'second plan' } }] });
    const paused2 = await stream(
      { type: 'threads.add_user_message', params: { thread_id: threadId, input: textInput('save it after all') } },
      erin,
    );
    const card2 = paused2.find((event) => event.type === 'thread.item.done' && event.item.type === 'widget');
    if (card2?.type !== 'thread.item.done') throw new Error('no second approval card');
    mock.reply({ text: ['Saved after approval.'] });
    const approved = await stream(
      {
        type: 'threads.custom_action',
        params: {
          thread_id: threadId,
          item_id: card2.item.id,
          action: { type: 'chatwire.tool_approval', payload: { decision: 'approve' } },
        },
      },
      erin,
    );
    expect(assistantText(approved)).toBe('Saved after approval.');
    expect(lastToolOutputs().join('\n')).toMatch(/Saved note [0-9a-f-]{36}/);
  }, 60_000);

  it('no token (minted or the users’ own) reaches the model, a stored row, a stream or the log', async () => {
    const minted = proxy.authorizations.map((header) => header.replace(/^Bearer /, ''));
    expect(minted.length).toBeGreaterThan(5);
    expect(userTokens.length).toBeGreaterThan(3);
    const secrets = [...new Set([...minted, ...userTokens])];
    // Each token's signature: a copy cut or re-encoded would still carry it.
    const needles = secrets.flatMap((token) => [token, token.split('.')[2]!]);

    const modelTraffic = mock.requests.map((request) => `${JSON.stringify(request.headers)}\n${request.rawBody}`).join('\n');
    expect(modelTraffic.length).toBeGreaterThan(1000);
    const sse = streams.join('\n');
    await app.stop('SIGTERM');
    const log = app.output();
    const database = await openDatabase({ dataDir }, { logger: silentLogger, signal: new AbortController().signal });
    let stored: string;
    try {
      const rows = await Promise.all(
        ['chatwire_threads', 'chatwire_items', 'chatwire_tool_approvals', 'chatwire_usage'].map((table) =>
          database.client.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`),
        ),
      );
      stored = rows.flatMap((result) => result.rows.map((row) => String(row.row))).join('\n');
    } finally {
      await database.close();
    }
    expect(stored).toContain('oat milk');
    for (const [where, text] of Object.entries({ modelTraffic, sse, log, stored })) {
      for (const needle of needles) expect(text.includes(needle), `${where} holds a token`).toBe(false);
    }
  }, 60_000);
});

describe('in production auth mode (AUTH_JWKS_URL)', () => {
  it("users signed in by the identity provider act through MCP with tokens the app's own key mints", async () => {
    const idp = await makeKey('ES256', 'idp-1');
    const jwks = await startJwksServer({ keys: [idp.publicJwk] });
    const dir = await mkdtemp(join(tmpdir(), 'chatwire-mcp-prod-'));
    const port = await freePort();
    const notesProd = await startNotesServer({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    const prod = await spawnApp({
      CHATWIRE_DATA_DIR: dir,
      PORT: String(port),
      OPENAI_BASE_URL: mock.baseURL,
      AUTH_JWKS_URL: jwks.url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      CHATWIRE_MCP_SERVERS: JSON.stringify([{ name: 'notes', url: notesProd.url }]),
    });
    try {
      await prod.waitUntilReady();
      const token = await signToken(idp, { sub: 'prod-user' });
      mock.reply({ toolCalls: [{ name: 'notes_add_note', arguments: { text: 'from production' } }] }, { text: ['Noted.'] });
      const response = await prod.chatkit({ type: 'threads.create', params: { input: textInput('note this') } }, token);
      expect(response.status).toBe(200);
      const raw = await response.text();
      expect(raw).toContain('Noted.');
      expect(raw).not.toContain('unavailable');
      expect(lastToolOutputs().join('\n')).toMatch(/Saved note [0-9a-f-]{36}/);
      // The app's key is published even though it signs no sessions here.
      const keys = (await (await fetch(`${prod.base}/.well-known/jwks.json`)).json()) as { keys: { kid?: string }[] };
      expect(keys.keys).toHaveLength(1);
      expect(keys.keys[0]?.kid).not.toBe('idp-1');
      expect(prod.output()).not.toContain(token);
    } finally {
      await prod.stop('SIGKILL');
      await notesProd.stop();
      await jwks.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
