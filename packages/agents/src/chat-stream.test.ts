import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { chatChunks } from './chat-stream.js';

/** A streamed answer whose body arrives in exactly these pieces. */
function answer(...pieces: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function read(response: Response): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of chatChunks(response)) chunks.push(chunk);
  return chunks;
}

describe('reading a streamed Chat Completions answer', () => {
  it('gives every chunk in order, however the bytes are split, and stops at [DONE]', async () => {
    const text = 'data: {"n":1}\n\ndata: {"n":2,"s":"café 🚀"}\n\ndata: [DONE]\n\ndata: {"n":3}\n\n';
    const bytes = new TextEncoder().encode(text);
    expect(await read(answer(text))).toEqual([{ n: 1 }, { n: 2, s: 'café 🚀' }]);
    // One byte at a time splits lines, the JSON and multi-byte characters.
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await read(new Response(split))).toEqual([{ n: 1 }, { n: 2, s: 'café 🚀' }]);
  });

  it('reads CRLF lines, data split over several lines, comments and other fields, and a last event with no blank line', async () => {
    const chunks = await read(answer(': keep-alive\r\n\r\nevent: chunk\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 7\ndata: {"b":2}'));
    expect(chunks).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('throws the endpoint’s error when a chunk carries one', async () => {
    const error = await read(answer('data: {"n":1}\n\ndata: {"error":{"message":"overloaded","type":"server_error"}}\n\n')).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ message: expect.stringContaining('overloaded') });
  });

  it('throws on a line that is not JSON', async () => {
    await expect(read(answer('data: {"n": this is not json\n\n'))).rejects.toThrow(SyntaxError);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"n":1}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const chunk of chatChunks(new Response(body))) {
      expect(chunk).toEqual({ n: 1 });
      break;
    }
    expect(cancelled).toBe(true);
  });
});
