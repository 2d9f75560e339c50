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
import { NotImplementedError } from './errors.js';
import { keepOnCancel } from './event-pipeline.js';
import { handleRequest } from './http/handle-request.js';
import { stderrLogger, type Logger } from './logger.js';
import { processRequest, type ContextInput, type ProcessOptions, type ProcessResult } from './process.js';
import type { AttachmentStore, Store } from './store.js';

export interface ChatKitServerOptions {
  logger?: Logger;
  /** Largest accepted request body, in bytes (default 8 MiB: room for `input.transcribe` audio). */
  maxBodyBytes?: number;
  /** The clock, as ISO-8601 strings; injectable for tests. */
  now?: () => string;
}

/** What a responder gets besides the thread: the signal to pass on to the work it starts. */
export interface ResponseRun {
  /** Aborts when the client disconnects or stops the reply; hand it to model calls and tools. */
  readonly signal: AbortSignal;
}

/** What the server adds to the thread after a reply is cancelled, so the model knows. */
export const CANCELLED_NOTE =
  'The user stopped the previous response before it finished. Do not continue it unless they ask.';

/**
 * A ChatKit-protocol server. Subclass it, implement `respond()`, and serve `handle()` on one
 * POST endpoint. Everything else (dispatch, validation, persistence, errors, cancellation) is here.
 */
export abstract class ChatKitServer<TContext> {
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly now: () => string;

  constructor(
    readonly store: Store<TContext>,
    readonly attachmentStore?: AttachmentStore<TContext>,
    options: ChatKitServerOptions = {},
  ) {
    this.logger = options.logger ?? stderrLogger;
    this.maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    this.now = options.now ?? (() => new Date().toISOString());
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
    throw new NotImplementedError('This server does not handle widget actions');
  }

  /** Handles `threads.sync_custom_action`; an `updated_item` it returns is saved. */
  async syncAction(
    _thread: ThreadMetadata,
    _action: Action,
    _sender: WidgetItem | null,
    _context: TContext,
  ): Promise<SyncCustomActionResponse> {
    throw new NotImplementedError('This server does not handle synchronous widget actions');
  }

  /** Called for thumbs up/down on items. Does nothing by default; stores may record it. */
  async addFeedback(_threadId: string, _itemIds: string[], _kind: FeedbackKind, _context: TContext): Promise<void> {}

  async transcribe(
    _audio: { data: Uint8Array; mimeType: string; mediaType: string },
    _context: TContext,
  ): Promise<{ text: string }> {
    throw new NotImplementedError('This server does not transcribe audio');
  }

  getStreamOptions(_thread: ThreadMetadata, _context: TContext): StreamOptions {
    return { allow_cancel: true };
  }

  /**
   * Runs after the client went away mid-reply. By default it keeps the assistant text the user
   * already saw and adds a hidden note telling the model the reply was stopped.
   */
  async handleStreamCancelled(thread: ThreadMetadata, pendingItems: ThreadItem[], context: TContext): Promise<void> {
    for (const item of keepOnCancel(pendingItems)) await this.store.addThreadItem(thread.id, item, context);
    await this.store.addThreadItem(
      thread.id,
      {
        type: 'sdk_hidden_context',
        id: this.store.generateItemId('sdk_hidden_context', thread, context),
        thread_id: thread.id,
        created_at: this.now(),
        content: CANCELLED_NOTE,
      },
      context,
    );
  }

  /**
   * Parses and runs one request body. Throws a `ChatKitError` for anything a client got wrong.
   * `context` may be a function of the parsed request (to read its `metadata`); a context that
   * is itself a function is therefore not supported.
   */
  process(body: string | Uint8Array, context: ContextInput<TContext>, options: ProcessOptions = {}): Promise<ProcessResult> {
    return processRequest(this, body, context, options);
  }

  /** The Web-standard entry point: a `Request` in, a `Response` (JSON or SSE) out. Never throws. */
  handle(request: Request, context: ContextInput<TContext>): Promise<Response> {
    return handleRequest(this, request, context);
  }
}
