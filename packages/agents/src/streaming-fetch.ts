/** The error code a model request gets when the endpoint answered a stream request with something else. */
export const UNREADABLE_RESPONSE = 'chatwire_unreadable_response';

/**
 * `fetch` for the OpenAI client: a streaming request (`"stream": true`) whose successful answer is
 * not `text/event-stream` (a whole JSON answer from an endpoint that ignores `stream`, an HTML page
 * from a proxy or a web server at the wrong URL) becomes a 502 the client neither retries nor
 * tries to read as events. Left alone it reads as an empty stream, and the agent asks again and
 * again until it runs out of turns.
 */
export function streamCheckingFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.ok || !isStreamRequest(init?.body)) return response;
    const type = response.headers.get('content-type') ?? '';
    if (/^text\/event-stream\b/i.test(type)) return response;
    await response.body?.cancel().catch(() => {});
    const error = {
      message: `The model endpoint answered a streaming request with ${type.split(';')[0] || 'no content type'}, not text/event-stream`,
      type: 'invalid_response',
      code: UNREADABLE_RESPONSE,
    };
    return new Response(JSON.stringify({ error }), {
      status: 502,
      headers: { 'content-type': 'application/json', 'x-should-retry': 'false' },
    });
  };
}

function isStreamRequest(body: unknown): boolean {
  // The client always sends JSON text; anything else is not a model request of ours.
  return typeof body === 'string' && /"stream"\s*:\s*true/.test(body);
}
