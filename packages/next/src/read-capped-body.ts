import { PayloadTooLargeError, readBody, toErrorResponse, silentLogger } from '@chatwire/server';

/**
 * The chat request's body, read up to `limit` bytes (chat requests are small JSON; reading it
 * whole gives the upstream a `Content-Length`). Over the limit: the 413 JSON every Chatwire
 * route answers, with `Connection: close` so the unread rest is not taken for a next request.
 */
export async function readCappedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | Response> {
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    await request.body?.cancel().catch(() => {});
    return toErrorResponse(error, silentLogger);
  }
}
