import { APIError, type OpenAI } from 'openai';

/**
 * The OpenAI client for Chat Completions, its streamed answers read by a lean SSE reader instead of
 * the client's own (three nested async generators, a line decoder and a byte concatenation per
 * chunk: about a sixth of what a delta costs the app). The request itself, its retries, timeouts
 * and error answers stay the client's: only a successful streaming answer's body is read here,
 * with the same rules (`[DONE]` ends it, a chunk holding `error` throws an `APIError`, a line that
 * is not JSON throws, an abort ends it quietly, a reader that stops early cancels the body).
 */
export function withLeanChatStreams(client: OpenAI): OpenAI {
  const completions = client.chat.completions;
  const create = completions.create.bind(completions);
  const lean = (body: Parameters<typeof create>[0], options?: Parameters<typeof create>[1]) =>
    body.stream === true ? create(body, options).asResponse().then(chatChunks) : create(body, options);
  // The agents SDK awaits the result and iterates it: an async iterable of chunks is all it reads.
  completions.create = lean as typeof completions.create;
  return client;
}

/** The `data` of each server-sent event in `response`, parsed as JSON, until `[DONE]`. */
export async function* chatChunks(response: Response): AsyncGenerator<unknown> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string | undefined;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A stream that ends without a blank line still ends its last line.
      if (done && buffer !== '' && !buffer.endsWith('\n')) buffer += '\n';
      let start = 0;
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
        const line = buffer.charCodeAt(end - 1) === 13 ? buffer.slice(start, end - 1) : buffer.slice(start, end);
        start = end + 1;
        if (line === '') {
          if (data === undefined) continue;
          const payload = data;
          data = undefined;
          if (payload.startsWith('[DONE]')) {
            finished = true;
            return;
          }
          yield parseChunk(payload, response);
        } else if (line.startsWith('data:')) {
          const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
          data = data === undefined ? value : `${data}\n${value}`;
        }
        // `event:`, `id:`, `retry:` and `:` comments carry nothing a Chat Completions stream uses.
      }
      buffer = buffer.slice(start);
      if (done) break;
    }
    if (data !== undefined && !data.startsWith('[DONE]')) yield parseChunk(data, response);
    finished = true;
  } catch (error) {
    if (isAbort(error)) return;
    throw error;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

function parseChunk(payload: string, response: Response): unknown {
  const chunk: unknown = JSON.parse(payload);
  if (typeof chunk === 'object' && chunk !== null && 'error' in chunk && chunk.error) {
    throw new APIError(undefined, chunk.error, undefined, response.headers);
  }
  return chunk;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}
