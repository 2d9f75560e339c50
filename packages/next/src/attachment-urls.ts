/**
 * The upstream names attachment URLs (`upload_descriptor.url`, `preview_url`) on the origin the
 * proxy reached it at, which the browser cannot use: the browser has no credentials there. This
 * rewrites `"<endpoint>/attachments/…` in JSON and SSE bodies to `"<site origin><attachmentsPath>/…`,
 * where the proxy's attachment routes take them. Only whole JSON string values that start with
 * the upstream's attachment URL are touched (the needle begins with a quote).
 *
 * The stream is rewritten line by line: SSE events and JSON documents never put a newline inside
 * a string, so no URL is split, and every event leaves as soon as its line is complete. A body
 * with no newline (a JSON answer) is held until it ends.
 */
export function rewriteAttachmentUrls(body: ReadableStream<Uint8Array>, from: string, to: string): ReadableStream<Uint8Array> {
  const needle = `"${from}`;
  const replacement = `"${to}`;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const emit = (text: string, controller: TransformStreamDefaultController<Uint8Array>) => {
    if (text !== '') controller.enqueue(encoder.encode(text.replaceAll(needle, replacement)));
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = pending + decoder.decode(chunk, { stream: true });
        const end = text.lastIndexOf('\n') + 1;
        pending = text.slice(end);
        emit(text.slice(0, end), controller);
      },
      flush(controller) {
        emit(pending + decoder.decode(), controller);
      },
    }),
  );
}
