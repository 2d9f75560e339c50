import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the upstream received, as it arrived on the socket. */
export interface UpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Resolves with the whole body once it has arrived (or what arrived before the connection dropped). */
  body: Promise<Buffer>;
  /** Resolves when the connection is done with: `true` when the client closed it before the response ended. */
  closed: Promise<boolean>;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, record: UpstreamRequest) => void | Promise<void>;

export interface UpstreamServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly requests: UpstreamRequest[];
  /** What the next requests are answered with (the last one set stays). */
  handle(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for the Chatwire app: the proxy reaches it over a
 * socket with the real `fetch`, so streaming, aborts and headers behave as they do in production.
 */
export async function startUpstream(): Promise<UpstreamServer> {
  const requests: UpstreamRequest[] = [];
  let handler: UpstreamHandler = (_req, res) => json(res, 200, {});
  const server = createServer((req, res) => {
    let settle: (early: boolean) => void = () => {};
    const chunks: Buffer[] = [];
    const body = new Promise<Buffer>((resolve) => {
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('close', () => resolve(Buffer.concat(chunks)));
    });
    const record: UpstreamRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      closed: new Promise((resolve) => (settle = resolve)),
    };
    res.on('close', () => settle(!res.writableFinished));
    requests.push(record);
    void Promise.resolve(handler(req, res, record)).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => void (handler = next),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Opens an SSE response the way the app does. */
export function openEventStream(res: ServerResponse, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...headers });
  res.flushHeaders();
}

export function sseEvent(event: unknown): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** A promise and the function that resolves it: a step the test releases. */
export function latch(): { promise: Promise<void>; release(): void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}
