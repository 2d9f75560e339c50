import { ChatKitServer, MemoryStore, silentLogger, type StoreItemType } from '@chatwire/server';
import { parseSse } from '@chatwire/server/testing';
import { describe, expect, it } from 'vitest';
import { encodeSseData, readSseData, SSE_KEEPALIVE, SseDecoder } from './sse.js';
import type { ThreadStreamEvent } from './events.js';
import type { ThreadMetadata } from './thread.js';

type Context = { userId: string };
const FIXED_TIME = '2030-01-02T03:04:05.678Z';

/** Sequential ids (`thr_1`, `msg_2`…) so the bytes of a stream are reproducible. */
class SequentialIdStore extends MemoryStore<Context> {
  private counter = 0;
  override generateThreadId(): string {
    return `thr_${++this.counter}`;
  }
  override generateItemId(itemType: StoreItemType): string {
    return `${itemType === 'message' ? 'msg' : itemType}_${++this.counter}`;
  }
}

/** Answers every message with "Hello, world" in two deltas. */
class TwoDeltaServer extends ChatKitServer<Context> {
  constructor() {
    super(new SequentialIdStore(), undefined, { logger: silentLogger, now: () => FIXED_TIME });
  }

  async *respond(thread: ThreadMetadata): AsyncGenerator<ThreadStreamEvent> {
    const item = { id: 'msg_reply', thread_id: thread.id, created_at: FIXED_TIME, type: 'assistant_message' as const };
    yield { type: 'thread.item.added', item: { ...item, content: [] } };
    for (const delta of ['Hello', ', world']) {
      yield {
        type: 'thread.item.updated',
        item_id: 'msg_reply',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
      };
    }
    yield {
      type: 'thread.item.done',
      item: { ...item, content: [{ type: 'output_text', text: 'Hello, world', annotations: [] }] },
    };
  }
}

describe('SSE framing of a server stream', () => {
  it('is byte-exact: every event is `data: <compact JSON>` and a blank line, nothing else', async () => {
    const server = new TwoDeltaServer();
    const body = JSON.stringify({
      type: 'threads.create',
      params: {
        input: { content: [{ type: 'input_text', text: 'Hi' }], attachments: [], quoted_text: null, inference_options: {} },
      },
    });
    const result = await server.process(body, { userId: 'u1' });
    if (!result.streaming) throw new Error('threads.create answered JSON');

    const chunks: Uint8Array[] = [];
    for await (const chunk of result) chunks.push(chunk);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));

    // Every chunk is exactly one event.
    expect(chunks.every((chunk) => /^data: [^\r\n]*\n\n$/.test(new TextDecoder().decode(chunk)))).toBe(true);
    expect(parseSse(text)).toHaveLength(chunks.length);
    expect(text).toMatchInlineSnapshot(`
      "data: {"type":"thread.created","thread":{"id":"thr_1","created_at":"2030-01-02T03:04:05.678Z","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}}

      data: {"type":"thread.item.done","item":{"id":"msg_2","thread_id":"thr_1","created_at":"2030-01-02T03:04:05.678Z","type":"user_message","content":[{"type":"input_text","text":"Hi"}],"attachments":[],"inference_options":{}}}

      data: {"type":"stream_options","stream_options":{"allow_cancel":true}}

      data: {"type":"thread.item.added","item":{"id":"msg_reply","thread_id":"thr_1","created_at":"2030-01-02T03:04:05.678Z","type":"assistant_message","content":[]}}

      data: {"type":"thread.item.updated","item_id":"msg_reply","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"Hello"}}

      data: {"type":"thread.item.updated","item_id":"msg_reply","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":", world"}}

      data: {"type":"thread.item.done","item":{"id":"msg_reply","thread_id":"thr_1","created_at":"2030-01-02T03:04:05.678Z","type":"assistant_message","content":[{"type":"output_text","text":"Hello, world","annotations":[]}]}}

      "
    `);
  });
});

describe('encodeSseData', () => {
  it('writes compact JSON on one data line, ending in a blank line', () => {
    expect(encodeSseData({ type: 'progress_update', text: 'a\nb' })).toBe('data: {"type":"progress_update","text":"a\\nb"}\n\n');
  });
});

function decodeAll(chunks: string[]): string[] {
  const decoder = new SseDecoder();
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.flush()];
}

describe('SseDecoder', () => {
  it('decodes LF-framed events', () => {
    expect(decodeAll(['data: {"a":1}\n\ndata: {"b":2}\n\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('accepts CRLF line ends', () => {
    expect(decodeAll(['data: one\r\n\r\ndata: two\r\n\r\n'])).toEqual(['one', 'two']);
  });

  it('accepts lone CR line ends', () => {
    expect(decodeAll(['data: one\r\rdata: two\r\r'])).toEqual(['one', 'two']);
  });

  it('joins multi-line data with \\n', () => {
    expect(decodeAll(['data: first\ndata: second\r\ndata:third\n\n'])).toEqual(['first\nsecond\nthird']);
  });

  it('removes exactly one space after the colon', () => {
    expect(decodeAll(['data:  indented\n\ndata:\n\n'])).toEqual([' indented', '']);
  });

  it('ignores comments, keep-alives and other fields', () => {
    expect(
      decodeAll([`${SSE_KEEPALIVE}: another comment\nevent: message\nid: 7\nretry: 1000\ndata: payload\n\n${SSE_KEEPALIVE}`]),
    ).toEqual(['payload']);
  });

  it('sends nothing for a blank line without data', () => {
    expect(decodeAll(['\n\n\r\n', 'event: x\n\n'])).toEqual([]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const stream = 'data: {"a":"x"}\r\n\r\n: ping\n\ndata: l1\rdata: l2\r\rdata: {"b":2}\n\n';
    const expected = ['{"a":"x"}', 'l1\nl2', '{"b":2}'];
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(decodeAll([stream.slice(0, cut), stream.slice(cut)]), `split at ${cut}`).toEqual(expected);
    }
    expect(decodeAll([...stream])).toEqual(expected);
  });

  it('waits for the LF of a CRLF split across chunks instead of seeing an extra blank line', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: a\r')).toEqual([]);
    expect(decoder.push('\ndata: b\r')).toEqual([]);
    expect(decoder.push('\n\r')).toEqual([]);
    expect(decoder.push('\n')).toEqual(['a\nb']);
  });

  it('on flush, delivers a final event that has no trailing blank line', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: first\n\ndata: last')).toEqual(['first']);
    expect(decoder.flush()).toEqual(['last']);
  });

  it('on flush, delivers a final event whose last line ended in a lone CR', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: last\r')).toEqual([]);
    expect(decoder.flush()).toEqual(['last']);
  });

  it('on flush, sends nothing more when the stream ended cleanly', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: x\n\n')).toEqual(['x']);
    expect(decoder.flush()).toEqual([]);
  });
});

describe('readSseData', () => {
  it('decodes UTF-8 split inside a character and events split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"text":"héllo ✓"}\n\ndata: end');
    const cuts = [8, 17, 18, 23, 24, 30];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          controller.enqueue(bytes.slice(from, cut));
          from = cut;
        }
        controller.close();
      },
    });
    const seen: string[] = [];
    for await (const data of readSseData(stream)) seen.push(data);
    expect(seen).toEqual(['{"text":"héllo ✓"}', 'end']);
  });
});
