import type { JsonObject, ThreadStreamEvent } from '@chatwire/protocol';
import { parseSse } from '@chatwire/server/testing';
import { HookedServer, type ServerHooks, type TestContext } from './hooked-server.js';

/** One request as the server received it. */
export interface ReceivedRequest {
  type: string;
  params: Record<string, unknown>;
  metadata: JsonObject;
  headers: Record<string, string>;
}

export interface InProcessServer {
  server: HookedServer;
  /** Hands every request to the real server's `handle()`, as the network would. */
  fetch: typeof globalThis.fetch;
  /** Every request body the server got, in order. */
  received: ReceivedRequest[];
  /** Every event the server streamed, checked in exact canonical wire form. */
  transcript(): ThreadStreamEvent[];
}

const decoder = new TextDecoder();

/**
 * Our real server (`HookedServer` over a `MemoryStore`), reached in-process through `handle()`
 * with a Web `Request`, so the client under test speaks the real protocol to the real server.
 * The SSE bytes passing by are recorded, so tests can also see exactly what the server sent.
 */
export function inProcessServer(hooks: ServerHooks = {}, context: TestContext = { userId: 'client_test_user' }): InProcessServer {
  const server = new HookedServer(hooks);
  const received: ReceivedRequest[] = [];
  const sse: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const envelope: unknown = JSON.parse(await request.clone().text());
    if (!isRecord(envelope) || typeof envelope.type !== 'string') throw new Error('The client sent a body without a type');
    received.push({
      type: envelope.type,
      params: isRecord(envelope.params) ? envelope.params : {},
      metadata: isRecord(envelope.metadata) ? envelope.metadata : {},
      headers: Object.fromEntries(request.headers),
    });
    const response = await server.handle(request, context);
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    return new Response(recording(response.body, sse), { status: response.status, headers: response.headers });
  };
  return { server, fetch, received, transcript: () => parseSse(sse.join('')) };
}

/** Passes `body` through, keeping a copy of its text; cancelling it cancels `body`, as a socket close would. */
function recording(body: ReadableStream<Uint8Array>, into: string[]): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      into.push(decoder.decode(value));
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
