import type { ThreadItem, ThreadStreamEvent } from '@chatwire/protocol';
import { streamText } from '@chatwire/test-support/transcripts';
import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from './bus/memory-event-bus.js';
import { createChatKitHandler } from './chatkit-handler.js';
import { CANCELLED_NOTE } from './default-hooks.js';
import { silentLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import type { DisconnectPolicy } from './run-manager.js';
import { collectEvents, iterateEvents } from './testing/index.js';

interface Ctx {
  userId: string;
}

const PIECES = ['The ', 'reply ', 'that ', 'outlives ', 'its ', 'client.'];

/**
 * A server whose reply streams PIECES, one piece each time the test calls `release()`, so a test
 * decides exactly where the reply is when it disconnects, stops or resumes.
 */
function gatedServer(onDisconnect: DisconnectPolicy = 'cancel') {
  const store = new MemoryStore<Ctx>();
  const gates: Array<() => void> = [];
  const waiting: Array<Promise<void>> = [];
  for (let i = 0; i <= PIECES.length + 6; i++) waiting.push(new Promise<void>((resolve) => gates.push(resolve)));
  let step = 0;
  let released = 0;
  const handler = createChatKitHandler<Ctx>({
    store,
    logger: silentLogger,
    runs: { bus: new MemoryEventBus(), onDisconnect },
    async *respond(thread, _input, _context, run) {
      for await (const event of streamText(thread.id, 'msg_reply', PIECES)) {
        if (run.signal.aborted) return;
        await Promise.race([waiting[step++], new Promise((resolve) => run.signal.addEventListener('abort', resolve))]);
        yield event;
      }
    },
  });
  return {
    handler,
    store,
    /** Lets `n` more events of the reply through. */
    release(n = 1) {
      for (let i = 0; i < n; i++) gates[released++]?.();
    },
    releaseAll() {
      while (released < gates.length) gates[released++]!();
    },
  };
}

const alice = { userId: 'alice' };
const body = (type: string, params: object) => JSON.stringify({ type, params });

function textOf(events: ThreadStreamEvent[]): string {
  return events
    .map((event) =>
      event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta'
        ? event.update.delta
        : '',
    )
    .join('');
}

/** Starts a thread and reads its stream up to (and with) `count` reply events from `stream_options` on, then leaves. */
async function startAndLeave(server: ReturnType<typeof gatedServer>, count: number) {
  const result = await server.handler.process(
    body('threads.create', { input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} } }),
    alice,
  );
  const seen: ThreadStreamEvent[] = [];
  let threadId = '';
  let reply = 0;
  server.release(count - 1);
  for await (const event of iterateEvents(result)) {
    if (event.type === 'thread.created') threadId = event.thread.id;
    if (event.type === 'stream_options' || reply > 0) {
      reply += 1;
      seen.push(event);
    }
    if (reply === count) break;
  }
  return { threadId, seen };
}

async function items(server: ReturnType<typeof gatedServer>, threadId: string): Promise<ThreadItem[]> {
  return (await server.store.loadThreadItems(threadId, undefined, 100, 'asc', alice)).data;
}

describe('replies that outlive their connection (onDisconnect: continue)', () => {
  it('a client that leaves mid-reply and resumes with the count it has gets the rest once each, and assembles the whole text', async () => {
    const server = gatedServer('continue');
    const { threadId, seen } = await startAndLeave(server, 5);
    expect(textOf(seen)).toBe('The reply ');
    server.release(1);
    const resumed = await server.handler.process(
      body('chatwire.threads.resume', { thread_id: threadId, after_event: seen.length }),
      alice,
    );
    server.releaseAll();
    const rest = await collectEvents(resumed);
    expect(rest[0]).toMatchObject({ type: 'thread.item.updated' });
    expect(textOf([...seen, ...rest])).toBe(PIECES.join(''));
    expect(rest.at(-1)).toMatchObject({ type: 'thread.item.done', item: { id: 'msg_reply' } });
    // The reply finished on its own: the thread holds it whole, with no note of a stop.
    const saved = await items(server, threadId);
    expect(saved.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
  });

  it('resuming from 0 replays the reply from its stream_options, and resuming a finished reply ends at once', async () => {
    const server = gatedServer('continue');
    const { threadId } = await startAndLeave(server, 3);
    const whole = await server.handler.process(body('chatwire.threads.resume', { thread_id: threadId, after_event: 0 }), alice);
    server.releaseAll();
    const events = await collectEvents(whole);
    expect(events[0]).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });
    expect(textOf(events)).toBe(PIECES.join(''));
    const after = await server.handler.process(body('chatwire.threads.resume', { thread_id: threadId, after_event: 0 }), alice);
    expect(await collectEvents(after)).toEqual([]);
  });
});

describe('the reference meaning of a disconnect (onDisconnect: cancel, the default)', () => {
  it('a stock client leaving mid-reply cancels it: the thread keeps the text it saw and the hidden note, and nothing is left to resume', async () => {
    const server = gatedServer();
    const { threadId, seen } = await startAndLeave(server, 5);
    expect(textOf(seen)).toBe('The reply ');
    await expect
      .poll(async () => (await items(server, threadId)).map((item) => item.type))
      .toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    const saved = await items(server, threadId);
    expect(saved[1]).toMatchObject({ content: [{ text: 'The reply ' }] });
    expect(saved[2]).toMatchObject({ content: CANCELLED_NOTE });
    // Once its cleanup is done, the cancelled reply is over: nothing to resume.
    await expect
      .poll(async () =>
        collectEvents(
          await server.handler.process(body('chatwire.threads.resume', { thread_id: threadId, after_event: 0 }), alice),
        ),
      )
      .toEqual([]);
    expect(await items(server, threadId)).toHaveLength(3);
  });
});

describe('chatwire.threads.stop', () => {
  it('stops the running reply and answers {} once the thread keeps exactly what a cancelled reply keeps; the reader sees its stream end', async () => {
    const server = gatedServer('continue');
    const result = await server.handler.process(
      body('threads.create', {
        input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} },
      }),
      alice,
    );
    server.release(3);
    const events: ThreadStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of iterateEvents(result)) events.push(event);
    })();
    await expect.poll(() => textOf(events)).toBe('The ');
    const threadId = events[0]?.type === 'thread.created' ? events[0].thread.id : '';
    const stopped = await server.handler.process(body('chatwire.threads.stop', { thread_id: threadId }), alice);
    expect(stopped).toMatchObject({ streaming: false, json: '{}' });
    // Answered after the cleanup: the partial text and the note are already there.
    const saved = await items(server, threadId);
    expect(saved.map((item) => item.type)).toEqual(['user_message', 'assistant_message', 'sdk_hidden_context']);
    expect(saved[1]).toMatchObject({ content: [{ text: 'The ' }] });
    await reading;
    expect(events.at(-1)).toMatchObject({ type: 'thread.item.updated' });
    expect(events.some((event) => event.type === 'error')).toBe(false);
  });

  it('with no running reply answers {} and changes nothing', async () => {
    const server = gatedServer();
    const thread = { id: 'thr_idle', created_at: new Date().toISOString(), status: { type: 'active' as const }, metadata: {} };
    await server.store.saveThread(thread, alice);
    const stopped = await server.handler.process(body('chatwire.threads.stop', { thread_id: 'thr_idle' }), alice);
    expect(stopped).toMatchObject({ json: '{}' });
    expect(await items(server, 'thr_idle')).toEqual([]);
  });
});

describe("another user's thread", () => {
  it('stop and resume answer 404, exactly as for a thread that does not exist, and the reply goes on', async () => {
    const server = gatedServer('continue');
    const { threadId } = await startAndLeave(server, 2);
    for (const [type, params] of [
      ['chatwire.threads.stop', { thread_id: threadId }],
      ['chatwire.threads.resume', { thread_id: threadId, after_event: 0 }],
    ] as const) {
      const theirs = await server.handler.handle(new Request('http://x/chatkit', { method: 'POST', body: body(type, params) }), {
        userId: 'mallory',
      });
      expect(theirs.status).toBe(404);
      expect(await theirs.json()).toEqual({ error: { code: 'not_found', message: `Thread ${threadId} not found` } });
    }
    server.releaseAll();
    const rest = await server.handler.process(body('chatwire.threads.resume', { thread_id: threadId, after_event: 2 }), alice);
    expect(textOf(await collectEvents(rest))).toBe(PIECES.join(''));
  });
});
