/**
 * A view of `body` that errors the moment `signal` aborts, and cancels `body` then. Browsers do
 * this for a fetched body already; a custom `fetch` (a test double, a service worker, an
 * in-process server) may not, and a stopped reply must stop being read either way.
 */
export function abortableStream(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  if (!signal) return body;
  const reader = body.getReader();
  let onAbort: (() => void) | undefined;
  const detach = () => {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        detach();
        controller.error(abortReason(signal));
        reader.cancel(signal.reason).catch(() => {});
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          detach();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        detach();
        // Already errored by the abort: nothing more to report.
        try {
          controller.error(error);
        } catch {}
      }
    },
    cancel(reason) {
      detach();
      return reader.cancel(reason);
    },
  });
}

/** What a stopped read rejects with: always an `AbortError`, whatever the signal carries. */
export function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}
