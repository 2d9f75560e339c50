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

/** What a responder gets besides the thread: the signal to pass on to the work it starts. */
export interface ResponseRun {
  /** Aborts when the client disconnects or stops the reply; hand it to model calls and tools. */
  readonly signal: AbortSignal;
}

/** The audio of an `input.transcribe` request, decoded. */
export interface TranscriptionAudio {
  data: Uint8Array;
  /** The MIME type as the client sent it, parameters included. */
  mimeType: string;
  /** The MIME type without parameters (`audio/webm`). */
  mediaType: string;
}

/**
 * What an app decides; the server core does everything else (dispatch, validation, persistence,
 * errors, cancellation). `createChatKitHandler` takes these as options; `ChatKitServer` is an
 * object of this shape whose methods a subclass overrides. Each optional hook says its default.
 */
export interface ChatKitHooks<TContext> {
  /**
   * Streams the reply to a new user message (`input`), or continues the thread after a client
   * tool output or structured input (`input` is null). Mutating `thread` (title, status,
   * metadata) is saved and announced to the client.
   */
  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent>;

  /**
   * Handles a widget action sent with `threads.custom_action`; `sender` is the widget item it came
   * from, or null. Default: throws `NotImplementedError`, which the stream reports as an `error` event.
   */
  action?(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
    run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent>;

  /**
   * Handles `threads.sync_custom_action`; an `updated_item` it returns is saved.
   * Default: throws `NotImplementedError` (a 501 answer).
   */
  syncAction?(
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TContext,
  ): Promise<SyncCustomActionResponse>;

  /** Thumbs up/down, after the thread and items were checked to be the caller's. Default: does nothing. */
  addFeedback?(threadId: string, itemIds: string[], kind: FeedbackKind, context: TContext): Promise<void>;

  /** Turns `input.transcribe` audio into text. Default: throws `NotImplementedError` (a 501 answer). */
  transcribe?(audio: TranscriptionAudio, context: TContext): Promise<{ text: string }>;

  /** The `stream_options` event that starts every reply. Default: `{ allow_cancel: true }`. */
  getStreamOptions?(thread: ThreadMetadata, context: TContext): StreamOptions;

  /**
   * Runs after the client went away (or the reply was stopped) mid-reply, with deep copies of the
   * items that started but never finished. Default: keeps the assistant text the user already saw
   * and adds a hidden note (`CANCELLED_NOTE`) telling the model the reply was stopped.
   */
  handleStreamCancelled?(thread: ThreadMetadata, pendingItems: ThreadItem[], context: TContext): Promise<void>;
}

/** The hooks as the core calls them: every one present, defaults filled in. */
export type ResolvedHooks<TContext> = Required<ChatKitHooks<TContext>>;
