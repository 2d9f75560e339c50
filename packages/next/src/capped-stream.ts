/**
 * A body passed on as it arrives, cut off once it grows past `limit` bytes: the stream then
 * errors (which aborts the upstream request it feeds) and `exceeded()` tells why.
 */
export function cappedStream(
  body: ReadableStream<Uint8Array>,
  limit: number,
): { stream: ReadableStream<Uint8Array>; exceeded(): boolean } {
  let size = 0;
  let over = false;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) {
          over = true;
          controller.error(new RangeError(`the body exceeds ${limit} bytes`));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, exceeded: () => over };
}
