import type { ThreadStreamEvent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { CustomStreamError, StreamError } from './errors.js';
import type { Logger } from './logger.js';
import { makeServer, textInput, type ServerHooks } from '@chatwire/test-support/hooked-server';
import { iterateEvents, parseErrorResponse } from './testing/index.js';

const SO = { type: 'stream_options', stream_options: { allow_cancel: true } } as const;

/** The events after `thread.created` and the user message. */
function afterUserMessage(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
  expect(events.slice(0, 2).map((event) => event.type)).toEqual(['thread.created', 'thread.item.done']);
  return events.slice(2);
}

/** A stack frame as V8 prints it: `    at fn (file:line:col)`. */
const STACK_FRAME = /\n\s*at |\bat .*:\d+:\d+/;

/** Sends `init` to `handle()` and returns the response with its body text. */
async function send(hooks: ServerHooks, init: RequestInit) {
  const { server, context } = makeServer(hooks);
  const response = await server.handle(new Request('http://chatwire.test/chatkit', { method: 'POST', ...init }), context);
  const text = await response.text();
  expect(text).not.toMatch(STACK_FRAME);
  return { response, text };
}

async function sendError(hooks: ServerHooks, init: RequestInit) {
  const { response, text } = await send(hooks, init);
  expect(response.headers.get('content-type')).toBe('application/json');
  return { status: response.status, error: parseErrorResponse(text).error, response };
}

describe('errors inside a stream', () => {
  it('a plain Error from respond() becomes one retryable stream.error event, then the stream ends cleanly', async () => {
    const { server, context } = makeServer({
      async *respond() {
        throw new Error('Test error');
      },
    });

    const result = await server.process(
      JSON.stringify({ type: 'threads.create', params: { input: textInput('Hello') } }),
      context,
    );
    const events = iterateEvents(result);
    const seen: ThreadStreamEvent[] = [];
    for (let index = 0; index < 4; index++) {
      const next = await events.next();
      if (next.done) throw new Error(`the stream ended after ${index} events`);
      seen.push(next.value);
    }

    expect(afterUserMessage(seen)).toStrictEqual([SO, { type: 'error', code: 'stream.error', allow_retry: true }]);
    await expect(events.next()).resolves.toStrictEqual({ done: true, value: undefined });
  });

  it('a CustomStreamError shows its message with code custom and its allow_retry', async () => {
    const { createThread } = makeServer({
      async *respond() {
        throw new CustomStreamError('The weather service is down', { allowRetry: true });
      },
    });
    const { events } = await createThread();
    expect(afterUserMessage(events)).toStrictEqual([
      SO,
      { type: 'error', code: 'custom', message: 'The weather service is down', allow_retry: true },
    ]);
  });

  it('a CustomStreamError does not allow retry unless it says so', async () => {
    const { createThread } = makeServer({
      async *respond() {
        throw new CustomStreamError('Not allowed');
      },
    });
    const { events } = await createThread();
    expect(events.at(-1)).toStrictEqual({ type: 'error', code: 'custom', message: 'Not allowed', allow_retry: false });
  });

  it('a StreamError with a code other than stream.error does not allow retry by default and sends no message', async () => {
    const { createThread } = makeServer({
      async *respond() {
        throw new StreamError('quota.exceeded', { message: 'internal detail' });
      },
    });
    const { events } = await createThread();
    expect(afterUserMessage(events)).toStrictEqual([SO, { type: 'error', code: 'quota.exceeded', allow_retry: false }]);
  });

  it('a StreamError keeps an explicit allow_retry', async () => {
    const { createThread } = makeServer({
      async *respond() {
        throw new StreamError('stream.error', { allowRetry: false });
      },
    });
    const { events } = await createThread();
    expect(events.at(-1)).toStrictEqual({ type: 'error', code: 'stream.error', allow_retry: false });
  });

  it('items sent before the failure are kept', async () => {
    const { createThread, json } = makeServer({
      async *respond(thread) {
        yield {
          type: 'thread.item.done',
          item: {
            id: 'msg_partial',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'assistant_message',
            content: [{ type: 'output_text', text: 'Before the failure', annotations: [] }],
          },
        };
        throw new Error('boom');
      },
    });
    const { thread, events } = await createThread();
    expect(afterUserMessage(events).map((event) => event.type)).toEqual(['stream_options', 'thread.item.done', 'error']);
    const items = await json('items.list', { thread_id: thread.id });
    expect(items.data.map((item) => item.id)).toContain('msg_partial');
  });

  it('a thread changed before the failure is saved and announced after the error event', async () => {
    const { createThread, json } = makeServer({
      async *respond(thread) {
        thread.title = 'Renamed before failing';
        throw new Error('boom');
      },
    });

    const { thread, events } = await createThread();

    expect(afterUserMessage(events)).toStrictEqual([
      SO,
      { type: 'error', code: 'stream.error', allow_retry: true },
      {
        type: 'thread.updated',
        thread: {
          id: thread.id,
          title: 'Renamed before failing',
          created_at: thread.created_at,
          status: { type: 'active' },
          metadata: {},
          items: { data: [], has_more: false },
        },
      },
    ]);
    expect((await json('threads.get_by_id', { thread_id: thread.id })).title).toBe('Renamed before failing');
  });
});

describe('HTTP errors from handle()', () => {
  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const { status, error } = await sendError({}, { body: '{"type": "threads.list",' });
    expect(status).toBe(400);
    expect(error.code).toBe('invalid_json');
  });

  it('answers 400 naming `type` for an unknown request type', async () => {
    const { status, error } = await sendError({}, { body: JSON.stringify({ type: 'threads.explode', params: {} }) });
    expect(status).toBe(400);
    expect(error.message).toMatch(/^type\b/);
    expect(error.message).toContain('threads.explode');
  });

  it('answers 400 naming `type` when the type is missing', async () => {
    const { status, error } = await sendError({}, { body: JSON.stringify({ params: {} }) });
    expect(status).toBe(400);
    expect(error.message).toMatch(/^type\b/);
  });

  it('answers 400 naming `params` when they are missing', async () => {
    const { status, error } = await sendError({}, { body: JSON.stringify({ type: 'threads.get_by_id' }) });
    expect(status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^params\b/);
  });

  it('answers 400 naming the field when a field has the wrong type', async () => {
    const { status, error } = await sendError(
      {},
      { body: JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: 42 } }) },
    );
    expect(status).toBe(400);
    expect(error.message).toMatch(/^params\.thread_id\b/);
  });

  it('answers 400 naming a nested field of a user message input', async () => {
    const { status, error } = await sendError(
      {},
      {
        body: JSON.stringify({
          type: 'threads.create',
          params: { input: { ...textInput('Hi'), content: [{ type: 'input_text', text: 7 }] } },
        }),
      },
    );
    expect(status).toBe(400);
    expect(error.message).toMatch(/^params\.input\.content\.0\.text\b/);
  });

  it('answers 413 for a body over maxBodyBytes', async () => {
    const body = JSON.stringify({ type: 'threads.create', params: { input: textInput('x'.repeat(200)) } });
    const { status, error, response } = await sendError({ options: { maxBodyBytes: 128 } }, { body });
    expect(status).toBe(413);
    expect(error.code).toBe('payload_too_large');
    expect(response.headers.get('connection')).toBe('close');
  });

  it('answers 413 for a declared Content-Length over the limit without reading the body', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const { status, error } = await sendError({ options: { maxBodyBytes: 128 } }, {
      body,
      headers: { 'content-length': '4096' },
      duplex: 'half',
    } as RequestInit);
    expect(status).toBe(413);
    expect(error.code).toBe('payload_too_large');
    expect(pulled).toBe(false);
  });

  it('accepts a body exactly at the limit', async () => {
    const body = JSON.stringify({ type: 'threads.list', params: {} });
    const { response } = await send({ options: { maxBodyBytes: new TextEncoder().encode(body).byteLength } }, { body });
    expect(response.status).toBe(200);
  });

  it('answers 405 with Allow: POST for GET', async () => {
    const { server, context } = makeServer();
    const response = await server.handle(new Request('http://chatwire.test/chatkit'), context);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(parseErrorResponse(await response.text()).error.code).toBe('method_not_allowed');
  });

  const streamingRequestsFor = (threadId: string) =>
    [
      ['threads.add_user_message', { thread_id: threadId, input: textInput('Hi') }],
      ['threads.add_client_tool_output', { thread_id: threadId, result: { ok: true } }],
      ['threads.add_structured_input', { thread_id: threadId, item_id: 'si_1', input: { status: 'answered', answers: {} } }],
      ['threads.retry_after_item', { thread_id: threadId, item_id: 'msg_1' }],
      ['threads.custom_action', { thread_id: threadId, item_id: null, action: { type: 'noop', payload: null } }],
    ] as const;

  it.each(streamingRequestsFor('thr_missing'))(
    '%s for a missing thread answers 404 JSON, not a stream (the reference opens a stream and aborts)',
    async (type, params) => {
      let responded = false;
      const { status, error } = await sendError(
        {
          async *respond() {
            responded = true;
          },
        },
        { body: JSON.stringify({ type, params }) },
      );
      expect(status).toBe(404);
      expect(error.code).toBe('not_found');
      expect(responded).toBe(false);
    },
  );

  it.each(streamingRequestsFor('thr_foreign').map(([type]) => type))(
    "%s for another user's thread answers the same 404 as a missing one",
    async (type) => {
      const { createThread, httpError } = makeServer();
      const { thread } = await createThread('Theirs', { userId: 'owner' });
      const params = Object.fromEntries(streamingRequestsFor(thread.id))[type];
      const { status, body } = await httpError(type, params);
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).not.toContain('owner');
    },
  );

  it.each([
    ['threads.add_structured_input', { item_id: 'si_missing', input: { status: 'answered', answers: {} } }],
    ['threads.retry_after_item', { item_id: 'msg_missing' }],
    ['threads.custom_action', { item_id: 'widget_missing', action: { type: 'noop' } }],
  ] as const)('%s naming a missing item answers 404 JSON (the reference opens a stream and aborts)', async (type, params) => {
    const { createThread, httpError } = makeServer();
    const { thread } = await createThread('Hello');
    const { status, body } = await httpError(type, { thread_id: thread.id, ...params });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers 500 internal without details or a stack trace when a hook throws a plain Error', async () => {
    const logged: Array<Record<string, unknown> | undefined> = [];
    const logger: Logger = { error: (_message, details) => logged.push(details), warn: () => {}, info: () => {} };
    const { status, error } = await sendError(
      {
        options: { logger },
        async transcribe() {
          throw new Error('database password is hunter2');
        },
      },
      { body: JSON.stringify({ type: 'input.transcribe', params: { audio_base64: 'aGk=', mime_type: 'audio/webm' } }) },
    );
    expect(status).toBe(500);
    expect(error).toStrictEqual({ code: 'internal', message: 'Internal server error' });
    // The details go to the server's log instead.
    expect(logged).toEqual([expect.objectContaining({ detail: 'database password is hunter2' })]);
  });

  it('answers 500 internal without a stack trace when addFeedback throws', async () => {
    const { createThread, httpError } = makeServer({
      async addFeedback() {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const { thread, events } = await createThread('Hello');
    const done = events[1];
    if (done?.type !== 'thread.item.done') throw new Error('expected the user message');

    const { status, body } = await httpError('items.feedback', {
      thread_id: thread.id,
      item_ids: [done.item.id],
      kind: 'positive',
    });

    expect(status).toBe(500);
    expect(body.error).toStrictEqual({ code: 'internal', message: 'Internal server error' });
  });

  it('no error answer carries a stack trace, whatever went wrong', async () => {
    const bodies = [
      'not json',
      JSON.stringify({ type: 'nope' }),
      JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: 'thr_missing' } }),
      JSON.stringify({ type: 'threads.add_user_message', params: { thread_id: 'thr_missing', input: textInput('x') } }),
      JSON.stringify({ type: 'input.transcribe', params: { audio_base64: '@@@', mime_type: 'audio/webm' } }),
      JSON.stringify({ type: 'threads.sync_custom_action', params: { thread_id: 'thr_missing', action: { type: 'x' } } }),
    ];
    for (const body of bodies) {
      const { status, error } = await sendError({}, { body });
      expect(status).toBeGreaterThanOrEqual(400);
      expect(error.message).not.toMatch(STACK_FRAME);
    }
  });
});
