import type { ThreadStreamEvent } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { makeServer, textInput, threadIdOf } from '@chatwire/test-support/hooked-server';
import { CANCELLED_NOTE } from './default-hooks.js';
import { SHUTDOWN_MESSAGE } from './shutdown.js';
import { iterateEvents, parseErrorResponse } from './testing/index.js';

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve())));
}

const createBody = (text: string) => JSON.stringify({ type: 'threads.create', params: { input: textInput(text) } });

/** A reply that streams "Half of it" and then waits until it is stopped, as a slow model would. */
function slowServer() {
  return makeServer({
    async *respond(thread, _input, _context, run) {
      const item = {
        id: 'msg_slow',
        thread_id: thread.id,
        created_at: new Date().toISOString(),
        type: 'assistant_message' as const,
        content: [],
      };
      yield { type: 'thread.item.added', item };
      yield {
        type: 'thread.item.updated',
        item_id: item.id,
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: item.id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Half of it' },
      };
      await untilAborted(run.signal);
    },
  });
}

describe('shutdown()', () => {
  it('stops a reply still running after the grace period: partial answer saved, the client told why', async () => {
    const { server, store, context } = slowServer();
    const result = await server.process(createBody('Tell me everything'), context);
    const events: ThreadStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of iterateEvents(result)) events.push(event);
    })();
    await expect.poll(() => events.some((event) => event.type === 'thread.item.updated' && 'delta' in event.update)).toBe(true);

    const started = Date.now();
    await server.shutdown({ graceMs: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await reading;

    // The stream ends cleanly with the reason, which the user may retry after.
    expect(events.at(-1)).toEqual({ type: 'error', code: 'custom', message: SHUTDOWN_MESSAGE, allow_retry: true });
    const items = await store.loadThreadItems(threadIdOf(events), undefined, 10, 'asc', context);
    expect(items.data.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.type))).toEqual([
      'user_message',
      'Half of it',
      'sdk_hidden_context',
    ]);
    expect(items.data.at(-1)).toMatchObject({ content: CANCELLED_NOTE });
  });

  it('lets a reply that finishes within the grace period finish, and resolves as soon as it has', async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const { server, context } = makeServer({
      async *respond(thread) {
        await finished;
        yield {
          type: 'thread.item.done',
          item: {
            id: 'msg_done',
            thread_id: thread.id,
            created_at: new Date().toISOString(),
            type: 'assistant_message',
            content: [{ type: 'output_text', text: 'All of it', annotations: [] }],
          },
        };
      },
    });
    const result = await server.process(createBody('Quick one'), context);
    const events: ThreadStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of iterateEvents(result)) events.push(event);
    })();
    const stopping = server.shutdown({ graceMs: 30_000 });
    setTimeout(finish, 50);
    const started = Date.now();
    await stopping;
    expect(Date.now() - started).toBeLessThan(10_000);
    await reading;
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'All of it' }] } });
    expect(events.some((event) => event.type === 'error')).toBe(false);
  });

  it('answers new requests with 503 and Retry-After once it has begun', async () => {
    const { server, context } = makeServer();
    await server.shutdown({ graceMs: 0 });
    const response = await server.handle(
      new Request('http://chatwire.test/chatkit', { method: 'POST', body: JSON.stringify({ type: 'threads.list', params: {} }) }),
      context,
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(parseErrorResponse(await response.text()).error.code).toBe('unavailable');
  });
});
