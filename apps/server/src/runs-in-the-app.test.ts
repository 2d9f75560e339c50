import { readSseData, type ThreadStreamEvent } from '@chatwire/protocol';
import { collectEvents, parseEvent } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessApp, textInput, type InProcessApp } from './test-support/in-process-app.js';

/**
 * The app on its default embedded database (PGlite, whose LISTEN/NOTIFY carries the event bus in
 * one process), with the offline model slowed so a reply is still streaming when its client leaves.
 */

function text(events: ThreadStreamEvent[]): string {
  return events
    .map((e) =>
      e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta' ? e.update.delta : '',
    )
    .join('');
}

/** Starts a thread and reads it until `deltas` text deltas have come, then leaves; returns what the client had. */
async function startAndLeave(app: InProcessApp, token: string, deltas: number) {
  const response = await app.chatkit({ type: 'threads.create', params: { input: textInput('Tell me about notebooks') } }, token);
  const data = readSseData(response.body!);
  const events: ThreadStreamEvent[] = [];
  let threadId = '';
  while (text(events).split(' ').length <= deltas) {
    const next = await data.next();
    if (next.done) throw new Error('the reply ended before the client left');
    const event = parseEvent(next.value);
    if (event.type === 'thread.created') threadId = event.thread.id;
    events.push(event);
  }
  // Released by the reader, then cancelled: the client goes away.
  await data.return(undefined);
  await response.body!.cancel();
  const reply = events.slice(events.findIndex((e) => e.type === 'stream_options'));
  return { threadId, reply };
}

async function assistantTexts(app: InProcessApp, token: string, threadId: string): Promise<string[]> {
  const response = await app.chatkit({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } }, token);
  const page = (await response.json()) as { data: Array<{ type: string; content?: Array<{ text?: string }> }> };
  return page.data
    .filter((item) => item.type === 'assistant_message')
    .map((item) => (item.content ?? []).map((part) => part.text ?? '').join(''));
}

describe('the app with the default CHATWIRE_ON_DISCONNECT (cancel), as a stock ChatKit client meets it', () => {
  let app: InProcessApp;
  let token: string;
  beforeAll(async () => {
    app = await createInProcessApp({ CHATWIRE_OFFLINE_WORD_DELAY_MS: '40' });
    await app.app.ready();
    token = await app.login('stock-client');
  }, 120_000);
  afterAll(async () => app?.close());

  it('a client that disconnects mid-reply stops it: the thread keeps the text it had, and nothing is left to resume', async () => {
    const { threadId, reply } = await startAndLeave(app, token, 4);
    const seen = text(reply);
    // The stopped reply's text is saved (perhaps with a word that was already on its way), never the rest.
    await expect.poll(() => assistantTexts(app, token, threadId), { timeout: 10_000 }).toHaveLength(1);
    const [kept] = await assistantTexts(app, token, threadId);
    expect(kept!.startsWith(seen)).toBe(true);
    const resumed = await app.chatkit(
      { type: 'chatwire.threads.resume', params: { thread_id: threadId, after_event: 0 } },
      token,
    );
    expect(await collectEvents(resumed)).toEqual([]);
    // It stays stopped.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await assistantTexts(app, token, threadId)).toEqual([kept]);
  }, 60_000);
});

describe('the app with CHATWIRE_ON_DISCONNECT=continue, on PGlite', () => {
  let app: InProcessApp;
  let token: string;
  beforeAll(async () => {
    app = await createInProcessApp({ CHATWIRE_OFFLINE_WORD_DELAY_MS: '40', CHATWIRE_ON_DISCONNECT: 'continue' });
    await app.app.ready();
    token = await app.login('resuming-client');
  }, 120_000);
  afterAll(async () => app?.close());

  it('a client that disconnects mid-reply resumes it with the count it has, and assembles the reply the thread keeps', async () => {
    const { threadId, reply } = await startAndLeave(app, token, 4);
    const resumed = await app.chatkit(
      { type: 'chatwire.threads.resume', params: { thread_id: threadId, after_event: reply.length } },
      token,
    );
    const rest = await collectEvents(resumed);
    const whole = text([...reply, ...rest]);
    expect(await assistantTexts(app, token, threadId)).toEqual([whole]);
    expect(whole.length).toBeGreaterThan(text(reply).length);
  }, 60_000);
});
