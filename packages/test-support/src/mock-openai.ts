import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatChunks, chatJson, responsesEvents, responsesJson, type MockReply } from './mock-events.js';

export type { MockReply, MockToolCall } from './mock-events.js';
export { chatJson, responsesJson } from './mock-events.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body as JSON (`undefined` when it was not JSON). */
  body: unknown;
  stream: boolean;
  /** `performance.now()` when the first body byte was written (streams only). */
  firstByteAt?: number;
  /** Resolves when the connection is done with: `true` when the client closed it before the response ended. */
  closed: Promise<boolean>;
}

export interface MockOpenAI {
  /** `http://127.0.0.1:<port>/v1`: an `OPENAI_BASE_URL`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queues scripted replies for streaming requests, served in order (either API). */
  reply(...replies: MockReply[]): void;
  /** What non-streaming requests (thread titles) are answered with. */
  wholeText: string;
  /** How many queued replies are still unserved. */
  readonly pending: number;
  close(): Promise<void>;
}

/**
 * A local stand-in for an OpenAI-compatible endpoint on 127.0.0.1 (a free port): scripted
 * replies for `POST /v1/responses` (SSE Responses events) and `POST /v1/chat/completions`
 * (chunks, tool calls, usage, `[DONE]`). Records every request, and can fail with a status, cut
 * or stall a stream, or send garbage. Tests point the real OpenAI client at it with a base URL.
 */
export async function startMockOpenAI(): Promise<MockOpenAI> {
  const queue: MockReply[] = [];
  const requests: RecordedRequest[] = [];
  let count = 0;
  const state = { wholeText: 'Mock chat title' };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const stream = typeof body === 'object' && body !== null && 'stream' in body && body.stream === true;
    let settle: (early: boolean) => void = () => {};
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      rawBody,
      body,
      stream,
      closed: new Promise((resolve) => (settle = resolve)),
    };
    requests.push(record);
    res.on('close', () => settle(!res.writableFinished));
    count += 1;
    const n = count;
    if (req.method === 'GET' && req.url === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: 'mock-model', object: 'model', owned_by: 'mock' }] });
    }
    const api = req.url?.endsWith('/chat/completions') ? 'chat' : req.url?.endsWith('/responses') ? 'responses' : undefined;
    if (req.method !== 'POST' || !api)
      return json(res, 404, { error: { message: `No mock route for ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    if (!stream) return json(res, 200, api === 'chat' ? chatJson(state.wholeText, n) : responsesJson(state.wholeText, n));

    const reply = queue.shift();
    if (!reply) return json(res, 500, { error: { message: 'The mock has no reply queued', type: 'server_error' } });
    if (reply.status !== undefined) {
      return json(res, reply.status, { error: { message: `Mock failure ${reply.status}`, type: 'mock_error', code: null } });
    }
    if (reply.stallBeforeHeaders) return;
    if (reply.raw) {
      res.writeHead(reply.raw.status ?? 200, { 'content-type': reply.raw.contentType });
      return void res.end(reply.raw.body);
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const events = api === 'chat' ? chatChunks(reply, n) : responsesEvents(reply, n);
    for (const [index, event] of events.entries()) {
      if (reply.cutAfter === index) {
        // Let what was written reach the client first, then drop the connection mid-body.
        await flushed(res);
        return void res.destroy();
      }
      if (reply.endAfter === index) return void res.end();
      if (reply.stallAfter === index) return;
      if (reply.malformedAfter === index) write(res, record, 'data: {"type": this is not json\n\n');
      if (reply.eventDelayMs) await delay(reply.eventDelayMs);
      if (res.destroyed) return;
      const type =
        api === 'responses' && typeof event === 'object' && event !== null && 'type' in event ? String(event.type) : undefined;
      write(res, record, `${type ? `event: ${type}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
    }
    if (api === 'chat') write(res, record, 'data: [DONE]\n\n');
    res.end();
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    get wholeText() {
      return state.wholeText;
    },
    set wholeText(text: string) {
      state.wholeText = text;
    },
    get pending() {
      return queue.length;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function write(res: ServerResponse, record: RecordedRequest, text: string): void {
  record.firstByteAt ??= performance.now();
  res.write(text);
}

/** Resolves once everything written so far has been handed to the socket. */
function flushed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.write('', () => setTimeout(resolve, 5)));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
