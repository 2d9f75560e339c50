import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { errorResponse } from '../http/json-response.js';
import { describeError, type Logger } from '../logger.js';

/**
 * `node:http` ⇄ Web `Request`/`Response`, so a `fetch`-style handler (such as one calling
 * `ChatKitServer.handle`) can serve from a plain Node server. Bodies stream both ways without
 * buffering, a slow client holds the producer back, and a client that goes away aborts
 * `request.signal` and cancels the response body.
 */

export type FetchHandler = (request: Request) => Promise<Response>;

export interface NodeListenerOptions {
  /** Told about handler errors, which the client only sees as a generic 500. */
  logger?: Pick<Logger, 'error'>;
}

const BODY_HIGH_WATER_MARK = 64 * 1024;

/**
 * How much of a body nobody read is drained after the answer (say, a 413 or a 401 for an upload
 * still arriving) before the connection is cut instead: enough for any honest client to see its
 * answer rather than a reset, too little to be a free sink.
 */
const UNREAD_BODY_DRAIN_LIMIT = 64 * 1024 * 1024;

/** For the one case where only raw `res` calls are left: a body that failed before its first byte. */
const INTERNAL_ERROR_BODY = JSON.stringify({ error: { code: 'internal', message: 'Internal server error' } });

export function createNodeListener(
  fetchHandler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(fetchHandler, req, res, options).catch((error: unknown) => {
      // Only a bug gets here (say, a header Node refuses); the connection is all that is left to end.
      options.logger?.error('writing the response failed', describeError(error));
      res.destroy();
    });
  };
}

async function serve(
  fetchHandler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeListenerOptions,
): Promise<void> {
  let request: Request;
  try {
    request = toWebRequest(req, res);
  } catch {
    // `new Request` refuses some methods (TRACE, CONNECT) and malformed header values.
    await writeWebResponse(res, errorResponse(400, 'invalid_request', 'Malformed HTTP request'));
    return;
  }
  let response: Response;
  try {
    response = await fetchHandler(request);
  } catch (error) {
    options.logger?.error('request handler failed', describeError(error));
    response = errorResponse(500, 'internal', 'Internal server error');
  }
  // A body the handler left unread (it answered from the headers alone) is drained, not left
  // in the socket: Node resets a connection whose request is unfinished when its response ends,
  // and a client still writing its body then sees EPIPE or ECONNRESET instead of the answer.
  if (request.body && !request.body.locked) request.body.cancel().catch(() => {});
  await writeWebResponse(res, response, options);
}

/**
 * The Web `Request` for a Node request. Its body streams from `req` as it is read (never
 * buffered); its `signal` aborts when the client disconnects before the response has finished.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse): Request {
  const controller = new AbortController();
  // A client that leaves after its response was complete aborted nothing.
  const disconnected = () => {
    if (!res.writableFinished) controller.abort(new DOMException('The client disconnected', 'AbortError'));
  };
  res.once('close', disconnected);

  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (!name.startsWith(':')) headers.append(name, raw[i + 1]!);
  }

  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (method !== 'GET' && method !== 'HEAD' && hasBody(req)) {
    init.body = bodyStream(req, disconnected);
    init.duplex = 'half';
  }
  return new Request(requestUrl(req), init);
}

function requestUrl(req: IncomingMessage): string {
  const protocol = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  let origin = `${protocol}://localhost`;
  const host = req.headers.host;
  if (host) {
    try {
      origin = new URL(`${protocol}://${host}`).origin;
    } catch {
      // A malformed Host header: keep the fallback rather than fail the request.
    }
  }
  const target = req.url ?? '/';
  // Concatenate rather than resolve: `new URL('//evil.example/x', origin)` would change the host.
  if (target.startsWith('/')) return origin + target;
  try {
    const absolute = new URL(target);
    return origin + absolute.pathname + absolute.search;
  } catch {
    return `${origin}/`;
  }
}

/** HTTP/1.1: a request has a body exactly when it declares a length or a transfer encoding. */
function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/** `onDisconnect` runs before the reader hears of it, so by then `request.signal` has aborted. */
function bodyStream(req: IncomingMessage, onDisconnect: () => void): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        // Node reports a client that went away mid-body as an `error` and/or an early `close`;
        // either way the reader sees one AbortError, the same as `request.signal` reports.
        const disconnected = () => {
          if (settled) return;
          settled = true;
          onDisconnect();
          controller.error(new DOMException('The client disconnected before sending the whole body', 'AbortError'));
        };
        req.once('error', disconnected);
        req.once('close', disconnected);
      },
      pull() {
        req.resume();
      },
      cancel() {
        // Drain and discard the rest, so the socket stays usable for the response.
        settled = true;
        let discarded = 0;
        req.on('data', (chunk: Buffer) => {
          discarded += chunk.byteLength;
          if (discarded > UNREAD_BODY_DRAIN_LIMIT) req.destroy();
        });
        req.resume();
      },
    },
    { highWaterMark: BODY_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}

/**
 * Writes `response` to `res`: status, headers, then the body chunk by chunk, waiting for
 * `drain` whenever the socket is full. SSE headers go out at once. If the client goes away,
 * the body is cancelled, which cancels whatever produces it. Resolves when done; never rejects.
 */
export async function writeWebResponse(
  res: ServerResponse,
  response: Response,
  options: NodeListenerOptions = {},
): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);

  const body = response.body;
  if (body === null || res.req?.method === 'HEAD' || res.destroyed) {
    await body?.cancel().catch(() => {});
    res.end();
    return;
  }
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) res.flushHeaders();

  const reader = body.getReader();
  const onClose = () => {
    if (!res.writableFinished) reader.cancel(new DOMException('The client disconnected', 'AbortError')).catch(() => {});
  };
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value) && !(await drained(res))) return;
    }
    res.end();
  } catch (error) {
    // The body failed mid-way. The status line is usually out already, so the only honest
    // signal left is a broken connection rather than a response that looks complete.
    options.logger?.error('response body failed', describeError(error));
    if (res.headersSent) res.destroy();
    else {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(INTERNAL_ERROR_BODY);
    }
  } finally {
    res.off('close', onClose);
    if (res.destroyed) reader.cancel().catch(() => {});
  }
}

/** True once the socket can take more; false if the response closed first. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
