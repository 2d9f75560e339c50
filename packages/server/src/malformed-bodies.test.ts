import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatKitReq } from '@chatwire/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeListener } from './adapters/node.js';
import { MemoryStore } from './memory-store.js';
import { makeServer, type TestContext } from '@chatwire/test-support/hooked-server';
import {
  ALL_REQUEST_TYPES,
  DEFAULT_BODY_CAP,
  MALFORMED_CATEGORIES,
  REQUEST_SAMPLES,
  generateMalformedBodies,
  mulberry32,
  type MalformedBody,
  type MalformedCategory,
} from '@chatwire/test-support/malformed-bodies';
import { parseErrorResponse, parseJsonResponse } from './testing/index.js';

/** A MemoryStore that counts every call that could change stored state. */
class CountingStore extends MemoryStore<TestContext> {
  readonly writes: string[] = [];
  override saveThread(...args: Parameters<MemoryStore<TestContext>['saveThread']>) {
    this.writes.push('saveThread');
    return super.saveThread(...args);
  }
  override addThreadItem(...args: Parameters<MemoryStore<TestContext>['addThreadItem']>) {
    this.writes.push('addThreadItem');
    return super.addThreadItem(...args);
  }
  override saveItem(...args: Parameters<MemoryStore<TestContext>['saveItem']>) {
    this.writes.push('saveItem');
    return super.saveItem(...args);
  }
  override deleteThread(...args: Parameters<MemoryStore<TestContext>['deleteThread']>) {
    this.writes.push('deleteThread');
    return super.deleteThread(...args);
  }
  override deleteThreadItem(...args: Parameters<MemoryStore<TestContext>['deleteThreadItem']>) {
    this.writes.push('deleteThreadItem');
    return super.deleteThreadItem(...args);
  }
  override saveAttachment(...args: Parameters<MemoryStore<TestContext>['saveAttachment']>) {
    this.writes.push('saveAttachment');
    return super.saveAttachment(...args);
  }
  override deleteAttachment(...args: Parameters<MemoryStore<TestContext>['deleteAttachment']>) {
    this.writes.push('deleteAttachment');
    return super.deleteAttachment(...args);
  }
}

/** A server whose store counts writes and whose integrator hooks record every call. */
function countingServer() {
  const store = new CountingStore();
  const hookCalls: string[] = [];
  const harness = makeServer({
    store,
    async *respond() {
      hookCalls.push('respond');
    },
    async *action() {
      hookCalls.push('action');
    },
    async syncAction() {
      hookCalls.push('syncAction');
      return {};
    },
    async addFeedback() {
      hookCalls.push('addFeedback');
    },
    async transcribe() {
      hookCalls.push('transcribe');
      return { text: '' };
    },
  });
  return { ...harness, store, hookCalls };
}

const BODIES = generateMalformedBodies();
const byCategory = (category: MalformedCategory) => BODIES.filter((b) => b.category === category);

const EXPECTED_COUNTS: Record<MalformedCategory, number> = {
  'truncated-json': 1073,
  'json-syntax': 141,
  'invalid-utf8': 208,
  'non-object': 48,
  'request-type': 229,
  'params-shape': 159,
  'wrong-type': 492,
  'missing-field': 46,
  huge: 16,
  'deep-nesting': 17,
  'prototype-keys': 216,
  'out-of-range': 68,
  'unstorable-text': 310,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const textOf = (body: string | Uint8Array) => (typeof body === 'string' ? body : utf8.decode(body));

/** One line naming a body: its label, size and first bytes. */
function describeBody(b: MalformedBody): string {
  const bytes = Buffer.from(b.body);
  const head = bytes.subarray(0, 100).toString('latin1');
  return `[${b.category}] ${b.label} (${bytes.byteLength} bytes: ${JSON.stringify(head)}${bytes.byteLength > 100 ? '…' : ''})`;
}

/** Whether the protocol accepts the body: undecodable or unparsable bodies are not accepted. */
function protocolAccepts(body: string | Uint8Array): boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(textOf(body));
  } catch {
    return false;
  }
  return ChatKitReq.safeParse(raw).success;
}

const FIELD_MESSAGE = /^((?:type|params|metadata)(?:\.[^\s.:]+)*): \S/;
const BODY_MESSAGE = /^Request body (is not valid JSON|is not valid UTF-8|must be a JSON object|is nested too deeply)/;
const STACK_FRAME = /\n\s*at\s|\(\S+:\d+:\d+\)|\.[cm]?[jt]s:\d+|node:internal/;

/** Everything wrong with the answer to `b`, or nothing. */
async function problemsWith(b: MalformedBody, response: Response): Promise<string[]> {
  const problems: string[] = [];
  if (response.status !== b.status) problems.push(`status ${response.status}, expected ${b.status}`);
  if (!response.headers.get('content-type')?.startsWith('application/json')) {
    problems.push(`content-type ${response.headers.get('content-type')}`);
  }
  const text = await response.text();
  if (STACK_FRAME.test(text)) problems.push('the answer contains a stack frame');
  let message = '';
  try {
    message = parseErrorResponse(text).error.message;
  } catch (error) {
    problems.push(`not an error body: ${(error as Error).message.slice(0, 200)}`);
  }
  if (message.length > 1000) problems.push(`message of ${message.length} chars echoes the input`);
  if (response.status === 400) {
    const field = FIELD_MESSAGE.exec(message)?.[1];
    if (!field && !BODY_MESSAGE.test(message)) problems.push(`message names no field: ${JSON.stringify(message.slice(0, 200))}`);
    if (b.field && !(field === b.field || field?.startsWith(`${b.field}.`) || b.field.startsWith(`${field}.`))) {
      problems.push(`message ${JSON.stringify(message.slice(0, 200))} does not name ${b.field}`);
    }
  }
  return problems;
}

function pollution(): string[] {
  const probe: { polluted?: unknown } = {};
  const found: string[] = [];
  if (probe.polluted !== undefined || Object.hasOwn(Object.prototype, 'polluted')) found.push('Object.prototype.polluted is set');
  if (Object.getPrototypeOf(probe) !== Object.prototype) found.push('{} has a changed prototype');
  return found;
}

type Harness = ReturnType<typeof countingServer>;

/** Sends each body with `send` and lists every body answered wrongly, with what was wrong. */
async function sendAll(bodies: readonly MalformedBody[], harness: Harness, send: (b: MalformedBody) => Promise<Response>) {
  const failures: string[] = [];
  for (const b of bodies) {
    let problems: string[];
    try {
      problems = await problemsWith(b, await send(b));
    } catch (error) {
      const { name, message, cause } = error as Error;
      problems = [`sending failed: ${name}: ${message} ${String(cause ?? '')}`];
    }
    problems.push(...pollution());
    if (harness.store.writes.length > 0) problems.push(`store writes: ${harness.store.writes.splice(0).join(', ')}`);
    if (harness.hookCalls.length > 0) problems.push(`integrator hooks called: ${harness.hookCalls.splice(0).join(', ')}`);
    if (problems.length > 0) failures.push(`${describeBody(b)}: ${problems.join('; ')}`);
  }
  return failures;
}

const post = (url: string, b: MalformedBody): [string, RequestInit] => [
  url,
  { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b.body },
];

function expectNoFailures(failures: string[], total: number) {
  if (failures.length > 0) expect.fail(`${failures.length} of ${total} bodies answered wrongly; first: ${failures[0]}`);
}

describe('malformed request bodies', () => {
  it('the generator makes at least 1,200 distinct bodies, in every category, the same each run', () => {
    const counts = Object.fromEntries(MALFORMED_CATEGORIES.map((c) => [c, byCategory(c).length]));
    expect(counts).toEqual(EXPECTED_COUNTS);
    expect(BODIES.length).toBeGreaterThanOrEqual(1200);
    const distinct = new Set(BODIES.map((b) => Buffer.from(b.body).toString('base64')));
    expect(distinct.size).toBe(BODIES.length);
    expect(generateMalformedBodies().map((b) => b.label)).toEqual(BODIES.map((b) => b.label));
  });

  it('the generator starts from one valid sample of every request type', () => {
    expect(REQUEST_SAMPLES.map((s) => s.type).sort()).toEqual([...ALL_REQUEST_TYPES].sort());
    for (const s of REQUEST_SAMPLES) {
      expect(ChatKitReq.safeParse({ type: s.type, params: s.params }).success, s.type).toBe(true);
    }
  });

  it('the protocol schemas reject every generated body', () => {
    const accepted = BODIES.filter((b) => protocolAccepts(b.body)).map(describeBody);
    expect(accepted.slice(0, 5)).toEqual([]);
  });

  it('the unmutated samples get past validation, so a 400 below is the body’s fault', async () => {
    const { server, context } = countingServer();
    for (const s of REQUEST_SAMPLES) {
      const body = JSON.stringify({ type: s.type, params: s.params });
      const response = await server.handle(new Request('http://chatwire.test/chatkit', { method: 'POST', body }), context);
      await response.body?.cancel();
      expect([400, 500], `${s.type} answered ${response.status}`).not.toContain(response.status);
    }
  });

  it('valid JSON nested 100,000 deep is refused as too deep, not as invalid JSON', async () => {
    const { server, context } = countingServer();
    const deep = BODIES.find((b) => b.label === 'get_by_id params: 100000 nested arrays');
    const unterminated = BODIES.find((b) => b.label === 'unterminated arrays');
    const messageFor = async (b: MalformedBody | undefined) => {
      const request = new Request('http://chatwire.test/chatkit', { method: 'POST', body: b!.body });
      const response = await server.handle(request, context);
      return { status: response.status, ...parseErrorResponse(await response.text()).error };
    };
    expect(await messageFor(deep)).toEqual({ status: 400, code: 'invalid_json', message: 'Request body is nested too deeply' });
    expect(await messageFor(unterminated)).toEqual({
      status: 400,
      code: 'invalid_json',
      message: 'Request body is not valid JSON',
    });
  });

  for (const category of MALFORMED_CATEGORIES) {
    it(`${category}: only 400/413 JSON errors naming the problem, nothing written, no hook called, no pollution`, async () => {
      const bodies = byCategory(category);
      expect(bodies.length).toBeGreaterThan(0);
      const harness = countingServer();
      const failures = await sendAll(bodies, harness, (b) =>
        harness.server.handle(new Request(...post('http://chatwire.test/chatkit', b)), harness.context),
      );
      expectNoFailures(failures, bodies.length);
    });
  }
});

describe('malformed request bodies over real HTTP (node adapter)', () => {
  let http: Server;
  let url: string;
  let harness: Harness;

  beforeAll(async () => {
    harness = countingServer();
    http = createServer(createNodeListener((request) => harness.server.handle(request, harness.context)));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/chatkit`;
  });

  afterAll(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  it('answers a spread of malformed bodies, a 9 MiB one included, and keeps answering', async () => {
    const rand = mulberry32(7);
    const picked = new Set<MalformedBody>();
    for (const category of MALFORMED_CATEGORIES) {
      const bodies = byCategory(category).filter((b) => Buffer.byteLength(b.body) <= DEFAULT_BODY_CAP);
      for (let i = 0; i < 4; i++) picked.add(bodies[Math.floor(rand() * bodies.length)]!);
    }
    const nineMiB = BODIES.find((b) => b.status === 413 && Buffer.byteLength(b.body) >= 9 * 1024 * 1024);
    expect(nineMiB).toBeDefined();
    // In the middle, so the bodies after it show the server still answers properly.
    const bodies = [...picked];
    bodies.splice(bodies.length >> 1, 0, nineMiB!);
    expect(bodies.length).toBeGreaterThanOrEqual(45);

    const failures = await sendAll(bodies, harness, (b) => fetch(...post(url, b)));
    expectNoFailures(failures, bodies.length);

    const after = await fetch(url, { method: 'POST', body: JSON.stringify({ type: 'threads.list', params: {} }) });
    expect(after.status).toBe(200);
    expect(parseJsonResponse('threads.list', await after.text())).toEqual({ data: [], has_more: false });
  });
});
