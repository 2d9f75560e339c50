import { SSE_KEEPALIVE, type ThreadMetadata, type ThreadStreamEvent } from '@chatwire/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatKitHandler } from './chatkit-handler.js';
import { silentLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import type { StoreItemType } from './ids.js';
import { textInput, type TestContext } from '@chatwire/test-support/hooked-server';
import { parseSse } from './testing/index.js';

const context: TestContext = { userId: 'pinged' };
const FIXED_TIME = '2030-01-02T03:04:05.678Z';
const createBody = JSON.stringify({ type: 'threads.create', params: { input: textInput('Hi') } });
const post = () => new Request('http://chatwire.test/chatkit', { method: 'POST', body: createBody });
const decoder = new TextDecoder();

/** Sequential ids, so two runs of the same reply give the same events. */
class SequentialIdStore extends MemoryStore<TestContext> {
  private counter = 0;
  override generateThreadId(): string {
    return `thr_${++this.counter}`;
  }
  override generateItemId(itemType: StoreItemType): string {
    return `${itemType}_${++this.counter}`;
  }
}

/** A reply of two deltas with a pause (`pauseMs`, or until `gate` opens) before the second. */
function pausingReply(pause: { pauseMs?: number; gate?: Promise<void> }) {
  return async function* respond(thread: ThreadMetadata, _input: unknown, _context: TestContext, run: { signal: AbortSignal }) {
    const item = { id: 'msg_reply', thread_id: thread.id, created_at: FIXED_TIME, type: 'assistant_message' as const };
    const delta = (text: string): ThreadStreamEvent => ({
      type: 'thread.item.updated',
      item_id: 'msg_reply',
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
    });
    yield { type: 'thread.item.added', item: { ...item, content: [] } } satisfies ThreadStreamEvent;
    yield delta('Hello');
    if (pause.pauseMs) await new Promise((resolve) => setTimeout(resolve, pause.pauseMs));
    if (pause.gate) await Promise.race([pause.gate, new Promise((resolve) => run.signal.addEventListener('abort', resolve))]);
    yield delta(', world');
    const content = [{ type: 'output_text' as const, text: 'Hello, world', annotations: [] }];
    yield { type: 'thread.item.done', item: { ...item, content } } satisfies ThreadStreamEvent;
  };
}

function handler(keepAliveMs: number | undefined, pause: { pauseMs?: number; gate?: Promise<void> }) {
  return createChatKitHandler<TestContext>({
    store: new SequentialIdStore(),
    logger: silentLogger,
    now: () => FIXED_TIME,
    ...(keepAliveMs === undefined ? {} : { keepAliveMs }),
    respond: pausingReply(pause),
  });
}

/** Splits SSE text into its frames (`data: …` or a comment), checking nothing is left over. */
function frames(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text.slice(0, -2).split('\n\n');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SSE keep-alive', () => {
  it('sends `: ping` between events while a reply is silent longer than keepAliveMs, and the events are unchanged', async () => {
    const pinged = await (await handler(40, { pauseMs: 250 }).handle(post(), context)).text();
    const plain = await (await handler(0, { pauseMs: 250 }).handle(post(), context)).text();

    const pings = frames(pinged).filter((frame) => frame === ': ping');
    // A 250 ms silence holds several 40 ms keep-alive periods; each further silence gets its own ping.
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(frames(pinged).every((frame) => frame === ': ping' || /^data: \{[^\n]*\}$/.test(frame))).toBe(true);
    // The pings sit in the pause, after the first delta and before the second.
    const order = frames(pinged).map((frame) =>
      frame === ': ping' ? 'ping' : (frame.match(/"delta":"([^"]*)"/)?.[1] ?? 'event'),
    );
    expect(order.indexOf('ping')).toBeGreaterThan(order.indexOf('Hello'));
    expect(order.lastIndexOf('ping')).toBeLessThan(order.indexOf(', world'));
    expect(parseSse(pinged)).toEqual(parseSse(plain));
    expect(plain).not.toContain(SSE_KEEPALIVE);
  });

  it('sends no ping on a stream faster than keepAliveMs, nor on any stream when it is 0', async () => {
    const fast = await (await handler(1_000, {}).handle(post(), context)).text();
    const off = await (await handler(0, { pauseMs: 100 }).handle(post(), context)).text();

    expect(fast).not.toContain(SSE_KEEPALIVE);
    expect(off).not.toContain(SSE_KEEPALIVE);
    expect(parseSse(fast).map((event) => event.type)).toEqual([
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
  });

  it('pings when iterating a process() result too, as chunks of their own', async () => {
    const result = await handler(40, { pauseMs: 200 }).process(createBody, context);
    if (!result.streaming) throw new Error('threads.create answered JSON');

    const chunks: string[] = [];
    for await (const chunk of result) chunks.push(decoder.decode(chunk));

    expect(chunks.filter((chunk) => chunk === SSE_KEEPALIVE).length).toBeGreaterThanOrEqual(2);
    expect(chunks.every((chunk) => chunk === SSE_KEEPALIVE || /^data: [^\n]*\n\n$/.test(chunk))).toBe(true);
    expect(
      parseSse(chunks.join(''))
        .map((event) => event.type)
        .at(-1),
    ).toBe('thread.item.done');
  });

  it('waits 15 s of silence by default, pings again after each further 15 s, and leaves no timer once the stream ends', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const response = await handler(undefined, { gate }).handle(post(), context);
    const reader = response.body!.getReader();
    let text = '';
    const read = async () => {
      const { value } = await reader.read();
      return decoder.decode(value);
    };
    while (!text.includes('"delta":"Hello"')) text += await read();

    await vi.advanceTimersByTimeAsync(14_999);
    expect(vi.getTimerCount()).toBe(1);
    const ping = read();
    await vi.advanceTimersByTimeAsync(1);
    expect(await ping).toBe(SSE_KEEPALIVE);
    const second = read();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await second).toBe(SSE_KEEPALIVE);

    open();
    for (let chunk = await read(); chunk !== ''; chunk = await read()) text += chunk;
    expect(text).toContain('"type":"thread.item.done","item":{"id":"msg_reply"');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer when the client cancels the stream', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const response = await handler(1_000, { gate: new Promise(() => {}) }).handle(post(), context);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"delta":"Hello"')) text += decoder.decode((await reader.read()).value);
    expect(vi.getTimerCount()).toBe(1);

    await reader.cancel();

    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('pings a process() reader that waits, and clears its timer when the reader stops iterating', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const result = await handler(1_000, { gate: new Promise(() => {}) }).process(createBody, context);
    if (!result.streaming) throw new Error('threads.create answered JSON');
    const chunks = result[Symbol.asyncIterator]();
    let text = '';
    while (!text.includes('"delta":"Hello"')) text += decoder.decode((await chunks.next()).value);

    const next = chunks.next();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(decoder.decode((await next).value)).toBe(SSE_KEEPALIVE);
    expect(vi.getTimerCount()).toBe(1);
    await chunks.return(undefined);

    expect(vi.getTimerCount()).toBe(0);
  });

  it('piles no pings up for a reader that stopped reading: the timer waits for its next read', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const response = await handler(1_000, { gate: new Promise(() => {}) }).handle(post(), context);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"delta":"Hello"')) text += decoder.decode((await reader.read()).value);

    const ping = reader.read();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(decoder.decode((await ping).value)).toBe(SSE_KEEPALIVE);
    // Not reading now: one ping may wait in the queue, then the timer stops.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(decoder.decode((await reader.read()).value)).toBe(SSE_KEEPALIVE);
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
  });
});
