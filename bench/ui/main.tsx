// First: the render tracker installs React's DevTools hook, which react-dom looks for when it loads.
import { RenderTracker, trackRenders } from '@chatwire/test-support/render-tracker';
import { ChatKit, Composer, Header, ItemRow, ThreadList, useChatKit, type UseChatKitReturn } from '@chatwire/react';
import '@chatwire/react/styles.css';
import type { AssistantMessageItem, ThreadItem } from '@chatwire/protocol';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { fakeBackend, plainText, STREAM_ITEM_ID, THREAD_ID, userMessage, type Stream } from './fake-backend.js';

/**
 * The `ui-render` benchmark's page. `window.uiBench` mounts `<ChatKit/>` (or the plain floor) on
 * a thread of `count` items served by the in-page backend and reports, from inside the page,
 * how long until the last item is in the DOM; `stream()` then streams a reply at a fixed rate
 * and reports which components rendered and which tasks ran long meanwhile.
 */

const API_URL = 'http://ui-render.bench/chatkit';

const root = document.getElementById('root')!;

/** Forces layout (so a page that leaves it for later is not timed as faster) and returns the time. */
function laidOut(): number {
  void document.documentElement.scrollHeight;
  return performance.now();
}

/** Resolves with `performance.now()` once `selector` matches and the page is laid out. */
function whenPresent(selector: string): Promise<number> {
  return new Promise((resolve) => {
    if (root.querySelector(selector)) return resolve(laidOut());
    const observer = new MutationObserver(() => {
      if (!root.querySelector(selector)) return;
      observer.disconnect();
      resolve(laidOut());
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

function mountChat(fetch: typeof globalThis.fetch): () => UseChatKitReturn {
  let latest: UseChatKitReturn | undefined;
  function Host() {
    latest = useChatKit({ api: { url: API_URL, fetch }, initialThread: THREAD_ID });
    return <ChatKit control={latest.control} />;
  }
  createRoot(root).render(<Host />);
  return () => {
    if (!latest) throw new Error('the chat has not rendered');
    return latest;
  };
}

/** The floor: the same answer fetched and parsed, its items as plain text `<div>`s. */
function PlainThread({ fetch }: { fetch: typeof globalThis.fetch }) {
  const [items, setItems] = useState<ThreadItem[]>([]);
  useEffect(() => {
    void fetch(API_URL, { method: 'POST', body: JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: THREAD_ID } }) })
      .then((response) => response.json())
      .then((thread: { items: { data: ThreadItem[] } }) => setItems(thread.items.data));
  }, [fetch]);
  return (
    <div style={{ height: '100%', overflow: 'auto' }}>
      {items.map((item) => (
        <div key={item.id} data-item-id={item.id}>
          {plainText(item)}
        </div>
      ))}
    </div>
  );
}

const lastSelector = (count: number) => `[data-item-id="msg_${count - 1}"]`;

async function renderChat(count: number): Promise<number> {
  const fetch = fakeBackend(count);
  const start = performance.now();
  mountChat(fetch);
  return (await whenPresent(lastSelector(count))) - start;
}

async function renderPlain(count: number): Promise<number> {
  const fetch = fakeBackend(count);
  const start = performance.now();
  createRoot(root).render(<PlainThread fetch={fetch} />);
  return (await whenPresent(lastSelector(count))) - start;
}

/** A markdown reply, word by word: paragraphs, a numbered list, a code block. */
const REPLY =
  'The plan has three parts, each small enough to test on its own.\n\n1. Read the **input** and check it.\n2. Build the `index` once.\n3. Answer from the index.\n\n```ts\nconst index = new Map<string, number>();\nfor (const word of words) index.set(word, (index.get(word) ?? 0) + 1);\n```\n\nThat keeps each step short, and the [guide](https://example.com/guide) has more. ';
const WORDS = REPLY.match(/\S+\s*/g) ?? [];
/** The last delta; the row shows it once every delta has been rendered. */
const LAST_WORD = 'streamfinished';

export interface StreamResult {
  deltas: number;
  /** From the first delta sent to the last one shown. */
  ms: number;
  streamingRowRenders: number;
  /** `row:<id>` of every other row that rendered during the stream. */
  otherRowRenders: string[];
  /** The thread list, header and composer renders during the stream. */
  otherRenders: string[];
  /** Durations of the long tasks (over 50 ms) that started during the stream. */
  longTasks: number[];
  /** The longest gap between two animation frames during the stream. */
  longestFrameMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * With `countRenders`, every commit walks the whole fiber tree to see what rendered, which on a
 * long thread costs more than the rendering itself: count in one stream, time tasks in another.
 */
async function stream(count: number, deltas: number, perSecond: number, countRenders: 0 | 1): Promise<StreamResult> {
  const tracker = new RenderTracker({
    row: { type: ItemRow, key: (props) => (props.item as ThreadItem).id },
    threads: { type: ThreadList, key: () => '' },
    header: { type: Header, key: () => '' },
    composer: { type: Composer, key: () => '' },
  });
  if (countRenders) trackRenders(tracker);
  const longTasks: PerformanceEntry[] = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

  let started = 0;
  let shown = 0;
  let renders: string[] = [];
  let longestFrameMs = 0;
  let previousFrame = 0;
  let streaming = true;
  const pieces = Array.from({ length: deltas }, (_, i) => (i === deltas - 1 ? LAST_WORD : WORDS[i % WORDS.length]!));
  const reply: Stream = async (write) => {
    const empty: AssistantMessageItem = {
      id: STREAM_ITEM_ID,
      thread_id: THREAD_ID,
      created_at: new Date().toISOString(),
      type: 'assistant_message',
      content: [],
    };
    const part = { type: 'output_text' as const, text: '', annotations: [] };
    write({ type: 'thread.item.done', item: userMessage('Explain the plan, please.') });
    write({ type: 'thread.item.added', item: empty });
    write({
      type: 'thread.item.updated',
      item_id: STREAM_ITEM_ID,
      update: { type: 'assistant_message.content_part.added', content_index: 0, content: part },
    });
    await whenPresent(`[data-item-id="${STREAM_ITEM_ID}"]`);
    // Let the commits of the new rows finish before recording starts.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    tracker.start();
    started = performance.now();
    previousFrame = started;
    const frame = (now: number) => {
      longestFrameMs = Math.max(longestFrameMs, now - previousFrame);
      previousFrame = now;
      if (streaming) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const row = root.querySelector(`[data-item-id="${STREAM_ITEM_ID}"]`)!;
    const lastShown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!row.textContent?.includes(LAST_WORD)) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(row, { childList: true, subtree: true, characterData: true });
    });
    // Each delta is its own event, due at its own time; after a late timer the overdue ones go out
    // together, as a network that fell behind would deliver them.
    let sent = 0;
    while (sent < pieces.length) {
      const due = Math.min(pieces.length, Math.floor(((performance.now() - started) * perSecond) / 1000) + 1);
      for (; sent < due; sent++) {
        write({
          type: 'thread.item.updated',
          item_id: STREAM_ITEM_ID,
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: pieces[sent]! },
        });
      }
      if (sent < pieces.length) await sleep(started + (sent * 1000) / perSecond - performance.now());
    }
    shown = await lastShown;
    renders = tracker.stop();
    // A short stream can end before its first frame: the time since the last frame is a gap too.
    longestFrameMs = Math.max(longestFrameMs, shown - previousFrame);
    streaming = false;
    const text = pieces.join('');
    write({
      type: 'thread.item.updated',
      item_id: STREAM_ITEM_ID,
      update: { type: 'assistant_message.content_part.done', content_index: 0, content: { ...part, text } },
    });
    write({ type: 'thread.item.done', item: { ...empty, content: [{ ...part, text }] } });
  };

  const chat = mountChat(fakeBackend(count, reply));
  await whenPresent(lastSelector(count));
  await chat().sendUserMessage({ text: 'Explain the plan, please.' });
  await whenPresent(`[data-item-id="${STREAM_ITEM_ID}"][aria-busy="false"]`);
  trackRenders(null);
  const streamingId = `row:${STREAM_ITEM_ID}`;
  return {
    deltas,
    ms: shown - started,
    streamingRowRenders: renders.filter((id) => id === streamingId).length,
    otherRowRenders: renders.filter((id) => id !== streamingId && id.startsWith('row:')),
    otherRenders: renders.filter((id) => !id.startsWith('row:')),
    longTasks: longTasks.filter((task) => task.startTime >= started && task.startTime <= shown).map((task) => task.duration),
    longestFrameMs,
  };
}

export interface UiBench {
  renderChat: typeof renderChat;
  renderPlain: typeof renderPlain;
  stream: typeof stream;
}

(window as unknown as { uiBench: UiBench }).uiBench = { renderChat, renderPlain, stream };
