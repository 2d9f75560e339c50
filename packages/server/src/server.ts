import type {
  Action,
  FeedbackKind,
  StreamOptions,
  SyncCustomActionResponse,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import type { ChatKitHandler } from './chatkit-handler.js';
import { defaultStreamOptions, keepPartialReply, refuseAction, refuseSyncAction, refuseTranscription } from './default-hooks.js';
import type { ChatKitHooks, ResponseRun, TranscriptionAudio } from './hooks.js';
import { handleRequest } from './http/handle-request.js';
import type { Logger } from './logger.js';
import { processRequest, type ContextInput, type ProcessOptions, type ProcessResult } from './process.js';
import { createServerCore, type ServerCore, type ServerSettings } from './server-core.js';
import { shutdownCore, type ShutdownOptions } from './shutdown.js';
import type { AttachmentStore, Store } from './store.js';

export type ChatKitServerOptions<TContext = unknown> = ServerSettings<TContext>;

/**
 * A ChatKit-protocol server. Subclass it, implement `respond()`, and serve `handle()` on one
 * POST endpoint. Everything else (dispatch, validation, persistence, errors, cancellation) is here.
 * It is the class form of `createChatKitHandler`: the same core, with the methods as hooks.
 */
export abstract class ChatKitServer<TContext> implements ChatKitHooks<TContext>, ChatKitHandler<TContext> {
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly keepAliveMs: number;
  readonly now: () => string;
  readonly #core: ServerCore<TContext>;

  constructor(
    readonly store: Store<TContext>,
    readonly attachmentStore?: AttachmentStore<TContext>,
    options: ChatKitServerOptions<TContext> = {},
  ) {
    // The instance is the hooks object: the core calls its methods, so overrides are what run.
    this.#core = createServerCore(this, store, attachmentStore, options);
    this.logger = this.#core.logger;
    this.maxBodyBytes = this.#core.maxBodyBytes;
    this.keepAliveMs = this.#core.keepAliveMs;
    this.now = this.#core.now;
  }

  /**
   * Streams the reply to a new user message (`input`), or continues the thread after a client
   * tool output or structured input (`input` is null). Mutating `thread` (title, status,
   * metadata) is saved and announced to the client.
   */
  abstract respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent>;

  /** Handles a widget action sent with `threads.custom_action`. */
  action(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
    _run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent> {
    return refuseAction();
  }

  /** Handles `threads.sync_custom_action`; an `updated_item` it returns is saved. */
  syncAction(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
  ): Promise<SyncCustomActionResponse> {
    return refuseSyncAction();
  }

  /** Called for thumbs up/down on items. Does nothing by default; stores may record it. */
  async addFeedback(_threadId: string, _itemIds: string[], _kind: FeedbackKind, _context: TContext): Promise<void> {}

  transcribe(_audio: TranscriptionAudio, _context: TContext): Promise<{ text: string }> {
    return refuseTranscription();
  }

  getStreamOptions(_thread: ThreadMetadata, _context: TContext): StreamOptions {
    return defaultStreamOptions();
  }

  /**
   * Runs after the client went away mid-reply. By default it keeps the assistant text the user
   * already saw and adds a hidden note telling the model the reply was stopped.
   */
  handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: TContext): Promise<void> {
    return keepPartialReply(this, thread, pendingItems, context);
  }

  /**
   * Parses and runs one request body. Throws a `ChatKitError` for anything a client got wrong.
   * `context` may be a function of the parsed request (to read its `metadata`); a context that
   * is itself a function is therefore not supported.
   */
  process(body: string | Uint8Array, context: ContextInput<TContext>, options: ProcessOptions = {}): Promise<ProcessResult> {
    return processRequest(this.#core, body, context, options);
  }

  /** The Web-standard entry point: a `Request` in, a `Response` (JSON or SSE) out. Never throws. */
  handle(request: Request, context: ContextInput<TContext>): Promise<Response> {
    return handleRequest(this.#core, request, context);
  }

  /** Refuses new requests, lets running replies finish for a while, then stops them, partial answers saved. */
  shutdown(options?: ShutdownOptions): Promise<void> {
    return shutdownCore(this.#core, options);
  }
}
