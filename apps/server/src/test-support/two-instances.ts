import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSseData, type ThreadItem, type ThreadStreamEvent } from '@chatwire/protocol';
import { parseEvent, parseJsonResponse } from '@chatwire/server/testing';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { spawnApp, type SpawnedApp } from './built-app.js';

/** The mock model's script for a reply that lasts several seconds: 40 words, one every 100 ms. */
export const SCRIPT = Array.from({ length: 40 }, (_, i) => `word${i} `);
export const SCRIPT_DELAY_MS = 100;

/** Two built apps (`node apps/server/dist/main.js`) sharing one database (and `env`'s bus), behind the mock model. */
export interface TwoInstances {
  a: SpawnedApp;
  b: SpawnedApp;
  mock: MockOpenAI;
  token: string;
  close(): Promise<void>;
}

export async function startTwoInstances(env: Record<string, string>): Promise<TwoInstances> {
  const mock = await startMockOpenAI();
  // One data directory: both instances sign and verify sessions with the same development key.
  const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-two-'));
  const common = {
    CHATWIRE_DATA_DIR: dataDir,
    OPENAI_BASE_URL: mock.baseURL,
    CHATWIRE_MODEL: 'mock-model',
    CHATWIRE_RATE_LIMIT: '0',
    ...env,
  };
  const started: SpawnedApp[] = [];
  try {
    const a = await spawnApp(common);
    started.push(a);
    await a.waitUntilReady();
    const b = await spawnApp(common);
    started.push(b);
    await b.waitUntilReady();
    const token = await a.login('two-instances-user');
    return {
      a,
      b,
      mock,
      token,
      async close() {
        for (const app of started) await app.stop('SIGKILL');
        await mock.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const app of started) await app.stop('SIGKILL');
    await mock.close();
    throw error;
  }
}

/** A streamed reply as a client reads it: every event, and the count from `stream_options` on (what resume takes). */
export class ReplyReader {
  readonly events: ThreadStreamEvent[] = [];
  replyEvents = 0;
  threadId = '';
  readonly done: Promise<void>;
  endedAt: number | undefined;
  #waiters: Array<{ deltas: number; wake: () => void }> = [];

  constructor(response: Response, signal?: AbortSignal) {
    this.done = (async () => {
      try {
        for await (const data of readSseData(response.body!)) {
          if (signal?.aborted) break;
          const event = parseEvent(data);
          this.events.push(event);
          if (event.type === 'thread.created') this.threadId = event.thread.id;
          if (event.type === 'stream_options' || this.replyEvents > 0) this.replyEvents += 1;
          const deltas = this.deltas();
          for (const waiter of this.#waiters.filter((w) => deltas >= w.deltas)) waiter.wake();
        }
      } catch (error) {
        if (!signal?.aborted) throw error;
      } finally {
        this.endedAt = performance.now();
        for (const waiter of this.#waiters) waiter.wake();
      }
    })();
  }

  deltas(): number {
    return this.events.filter(
      (e) => e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta',
    ).length;
  }

  text(): string {
    return assembledText(this.events);
  }

  /** Resolves once the client has `count` text deltas (or the stream ended). */
  untilDeltas(count: number): Promise<void> {
    if (this.deltas() >= count || this.endedAt !== undefined) return Promise.resolve();
    return new Promise((wake) => this.#waiters.push({ deltas: count, wake }));
  }
}

/** The assistant text a client assembles from text deltas. */
export function assembledText(events: ThreadStreamEvent[]): string {
  return events
    .map((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta' ? e.update.delta : '',
    )
    .join('');
}

export function textInput(text: string) {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
}

/** The thread's user and assistant messages as [type, text]. */
export async function messages(app: SpawnedApp, token: string, threadId: string): Promise<Array<[string, string]>> {
  const response = await app.chatkit({ type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 100 } }, token);
  const page = parseJsonResponse('items.list', await response.text());
  return page.data.flatMap((item: ThreadItem): Array<[string, string]> =>
    item.type === 'user_message' || item.type === 'assistant_message'
      ? [[item.type, item.content.map((part) => part.text).join('')]]
      : [],
  );
}
