import type { ChatKitHooks } from './hooks.js';
import { handleRequest } from './http/handle-request.js';
import { processRequest, type ContextInput, type ProcessOptions, type ProcessResult } from './process.js';
import { createServerCore, type ServerSettings } from './server-core.js';
import { shutdownCore, type ShutdownOptions } from './shutdown.js';
import type { AttachmentStore, Store } from './store.js';

/** The two entry points of a ChatKit server, however it was built. `ChatKitServer` is one too. */
export interface ChatKitHandler<TContext> {
  /**
   * Parses and runs one request body. Throws a `ChatKitError` for anything a client got wrong.
   * `context` may be a function of the parsed request (to read its `metadata`); a context that
   * is itself a function is therefore not supported.
   */
  process(body: string | Uint8Array, context: ContextInput<TContext>, options?: ProcessOptions): Promise<ProcessResult>;
  /** The Web-standard entry point: a `Request` in, a `Response` (JSON or SSE) out. Never throws. */
  handle(request: Request, context: ContextInput<TContext>): Promise<Response>;
  /**
   * For a graceful stop: refuses new requests (503), lets running replies finish for `graceMs`,
   * then stops the rest (partial answers saved, the client told why in an `error` event).
   * Resolves once their last writes are done, so the store can be closed after it.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
}

export interface ChatKitHandlerOptions<TContext> extends ChatKitHooks<TContext>, ServerSettings<TContext> {
  store: Store<TContext>;
  /** Where attachment bytes go; without one, `attachments.create`/`delete` answer 501. */
  attachmentStore?: AttachmentStore<TContext> | undefined;
}

/**
 * A ChatKit server composed from a store and hooks, for apps that would rather pass functions
 * than subclass `ChatKitServer`; both run the same core. Hooks are called as methods of
 * `options`, so an object with methods works as well as plain functions.
 *
 *   const chatkit = createChatKitHandler({ store, respond: (thread, input, context, run) => … });
 *   const response = await chatkit.handle(request, context);
 */
export function createChatKitHandler<TContext>(options: ChatKitHandlerOptions<TContext>): ChatKitHandler<TContext> {
  const core = createServerCore(options, options.store, options.attachmentStore, options);
  return {
    process: (body, context, processOptions = {}) => processRequest(core, body, context, processOptions),
    handle: (request, context) => handleRequest(core, request, context),
    shutdown: (shutdownOptions) => shutdownCore(core, shutdownOptions),
  };
}
