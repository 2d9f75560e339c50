import type { ThreadItem, ThreadMetadata } from '@chatwire/protocol';
import { CANCELLED_NOTE, MemoryEventBus, type ResponseRun } from '@chatwire/server';
import { HookedServer, type TestContext } from '@chatwire/test-support/hooked-server';
import { streamText, textOf, waitForState } from '@chatwire/test-support/transcripts';
import { describe, expect, it } from 'vitest';
import { ChatController } from './chat-controller.js';

const URL = 'http://chatwire.test/chatkit';
const USER: TestContext = { userId: 'resume_user' };
const PIECES = ['One ', 'two ', 'three ', 'four ', 'five ', 'six.'];

/** A reply of PIECES, one piece each time the test opens the gate: the test decides where the reply is. */
function gatedServer(onDisconnect: 'cancel' | 'continue') {
  // Permits: each delta takes one; `release()` gives unlimited ones.
  let permits = 0;
  let wake: (() => void) | undefined;
  const permit = async (signal: AbortSignal) => {
    while (permits <= 0 && !signal.aborted) {
      await Promise.race([
        new Promise<void>((resolve) => (wake = resolve)),
        new Promise((resolve) => signal.addEventListener('abort', resolve)),
      ]);
    }
    permits -= 1;
  };
  const server = new HookedServer({
    options: { runs: { bus: new MemoryEventBus(), onDisconnect } },
    async *respond(thread: ThreadMetadata, _input: unknown, _context: TestContext, run: ResponseRun) {
      for await (const event of streamText(thread.id, 'msg_reply', PIECES)) {
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') {
          await permit(run.signal);
          if (run.signal.aborted) return;
        }
        yield event;
      }
    },
  });
  const requests: string[] = [];
  /** The network: every request to the real server's `handle()`; `strip` hides the extensions header, as a stock server would. */
  const fetchFor =
    (strip = false): typeof fetch =>
    async (input, init) => {
      const request = new Request(input, init);
      const body: unknown = await request.clone().json();
      if (typeof body === 'object' && body !== null && 'type' in body && typeof body.type === 'string') requests.push(body.type);
      const response = await server.handle(request, USER);
      if (!strip) return response;
      const headers = new Headers(response.headers);
      headers.delete('x-chatwire-extensions');
      return new Response(response.body, { status: response.status, headers });
    };
  return {
    server,
    requests,
    fetchFor,
    /** Lets every further delta through at once. */
    release() {
      permits = Number.POSITIVE_INFINITY;
      wake?.();
    },
    /** Lets `n` more deltas through. */
    allow(n: number) {
      permits += n;
      wake?.();
    },
  };
}

const lastText = (items: readonly ThreadItem[] | undefined) => textOf(items?.at(-1));

async function stored(server: HookedServer, threadId: string): Promise<string[]> {
  const page = await server.store.loadThreadItems(threadId, undefined, 50, 'asc', USER);
  return page.data.map((item) =>
    item.type === 'sdk_hidden_context'
      ? item.content
      : item.type === 'user_message'
        ? item.content[0]!.text
        : (textOf(item) ?? item.type),
  );
}

describe('a reply that outlives the page (a server with chatwire.threads.resume)', () => {
  it('opening a thread whose reply is still running shows the reply continuing, to exactly its end', async () => {
    const s = gatedServer('continue');
    const first = new ChatController({ api: { url: URL, fetch: s.fetchFor() } });
    const sending = first.sendMessage({ text: 'Count to six' });
    await waitForState(first, (state) => state.thread !== null && state.thread.items.length === 2);
    const threadId = first.getState().thread!.metadata.id;
    // The page goes away mid-reply; a new page opens the same thread.
    first.dispose();
    await sending;
    const second = new ChatController({ api: { url: URL, fetch: s.fetchFor() } });
    await second.loadThreads();
    await second.setThread(threadId);
    await waitForState(second, (state) => state.status === 'streaming');
    s.release();
    await waitForState(second, (state) => state.status === 'idle' && lastText(state.thread?.items) === PIECES.join(''));
    expect(second.getState().thread?.items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(s.requests).toContain('chatwire.threads.resume');
    expect(await stored(s.server, threadId)).toEqual(['Count to six', PIECES.join('')]);
  });

  it('opening a thread with no reply running changes nothing and shows no streaming state', async () => {
    const s = gatedServer('continue');
    s.release();
    const first = new ChatController({ api: { url: URL, fetch: s.fetchFor() } });
    await first.sendMessage({ text: 'Count to six' });
    const threadId = first.getState().thread!.metadata.id;
    const second = new ChatController({ api: { url: URL, fetch: s.fetchFor() } });
    await second.loadThreads();
    const statuses: string[] = [];
    second.subscribe(() => statuses.push(second.getState().status));
    await second.setThread(threadId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statuses).not.toContain('streaming');
    expect(lastText(second.getState().thread?.items)).toBe(PIECES.join(''));
  });
});

describe('the Stop button', () => {
  it('on a Chatwire server asks it to stop the reply wherever it runs, then shows exactly what the server kept', async () => {
    const s = gatedServer('continue');
    const controller = new ChatController({ api: { url: URL, fetch: s.fetchFor() } });
    const sending = controller.sendMessage({ text: 'Count to six' });
    s.allow(2);
    await waitForState(controller, (state) => lastText(state.thread?.items) === 'One two ');
    controller.stop();
    await sending;
    const shown = lastText(controller.getState().thread?.items);
    const threadId = controller.getState().thread!.metadata.id;
    await expect.poll(() => s.requests.includes('chatwire.threads.stop')).toBe(true);
    await expect.poll(async () => (await stored(s.server, threadId)).at(-1)).toBe(CANCELLED_NOTE);
    const kept = await stored(s.server, threadId);
    // Reloaded after the stop: the thread shows the server's copy (the note is hidden).
    await expect.poll(() => s.requests.filter((type) => type === 'threads.get_by_id').length).toBeGreaterThan(0);
    expect(kept.slice(0, 2)).toEqual(['Count to six', shown]);
    expect(controller.getState().thread?.items.map((item) => textOf(item) ?? item.type)).toEqual(['user_message', shown]);
  });

  it('on a stock server (no extensions header) only closes the stream, as the reference does', async () => {
    const s = gatedServer('cancel');
    const controller = new ChatController({ api: { url: URL, fetch: s.fetchFor(true) } });
    const sending = controller.sendMessage({ text: 'Count to six' });
    s.allow(2);
    await waitForState(controller, (state) => lastText(state.thread?.items) === 'One two ');
    controller.stop();
    await sending;
    const threadId = controller.getState().thread!.metadata.id;
    await expect.poll(async () => (await stored(s.server, threadId)).at(-1)).toBe(CANCELLED_NOTE);
    expect(s.requests).toEqual(['threads.create']);
  });
});

describe('a dropped stream', () => {
  it('is picked up again with chatwire.threads.resume from the events already shown: the text is whole, nothing twice', async () => {
    const s = gatedServer('continue');
    const base = s.fetchFor();
    let cut = false;
    // The network drops the first reply's stream after a few chunks.
    const flaky: typeof fetch = async (input, init) => {
      const response = await base(input, init);
      if (cut || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
      cut = true;
      const reader = response.body!.getReader();
      let chunks = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await reader.read();
          if (next.done || ++chunks > 4) {
            void reader.cancel();
            controller.error(new TypeError('network connection lost'));
            return;
          }
          controller.enqueue(next.value);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const controller = new ChatController({ api: { url: URL, fetch: flaky } });
    s.release();
    await controller.sendMessage({ text: 'Count to six' });
    const state = controller.getState();
    expect(state.error).toBeNull();
    expect(state.thread?.items.map((item) => item.type)).toEqual(['user_message', 'assistant_message']);
    expect(lastText(state.thread?.items)).toBe(PIECES.join(''));
    expect(s.requests).toEqual(['threads.create', 'chatwire.threads.resume']);
  });
});
