import { SSE_KEEPALIVE, type ThreadStreamEvent } from '@chatwire/protocol';
import type { ProcessResult } from '../process.js';
import { parseEvent, parseSse } from './wire-checks.js';

/**
 * Every event of a streamed answer, each checked against the protocol schemas. Accepts a
 * `process()` result (its SSE bytes are decoded, so the framing is checked too) or an HTTP
 * `Response` with an SSE body.
 */
export async function collectEvents(result: ProcessResult | Response): Promise<ThreadStreamEvent[]> {
  if (result instanceof Response) {
    if (!result.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`Expected an SSE response, got ${result.status} ${await result.text()}`);
    }
    return parseSse(await result.text());
  }
  if (!result.streaming) throw new Error(`Expected a streaming result, got JSON ${result.json}`);
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of result) text += decoder.decode(chunk, { stream: true });
  return parseSse(text);
}

/** Reads events one at a time (for tests that act mid-stream); each is checked. Keep-alive comments are skipped. */
export async function* iterateEvents(result: ProcessResult): AsyncGenerator<ThreadStreamEvent> {
  if (!result.streaming) throw new Error(`Expected a streaming result, got JSON ${result.json}`);
  const decoder = new TextDecoder();
  for await (const chunk of result) {
    const text = decoder.decode(chunk);
    if (text === SSE_KEEPALIVE) continue;
    if (!text.startsWith('data: ') || !text.endsWith('\n\n')) throw new Error(`Bad SSE frame: ${JSON.stringify(text)}`);
    yield parseEvent(text.slice('data: '.length, -2));
  }
}
