import type {
  Action,
  FeedbackKind,
  StreamOptions,
  SyncCustomActionResponse,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import {
  ChatKitServer,
  MemoryStore,
  silentLogger,
  type AttachmentStore,
  type ChatKitServerOptions,
  type ResponseRun,
  type Store,
} from '@chatwire/server';
import { collectEvents, parseErrorResponse, parseJsonResponse, type JsonRequestType } from '@chatwire/server/testing';

/** The request context used by the server tests. */
export interface TestContext {
  userId: string;
}

export type Responder = (
  thread: ThreadMetadata,
  input: UserMessageItem | null,
  context: TestContext,
  run: ResponseRun,
) => AsyncIterable<ThreadStreamEvent>;

export type ActionHandler = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  context: TestContext,
  run: ResponseRun,
) => AsyncIterable<ThreadStreamEvent>;

export interface ServerHooks {
  respond?: Responder;
  action?: ActionHandler;
  syncAction?: (
    thread: ThreadMetadata,
    action: Action,
    sender: WidgetItem | null,
    context: TestContext,
  ) => Promise<SyncCustomActionResponse>;
  addFeedback?: (threadId: string, itemIds: string[], kind: FeedbackKind, context: TestContext) => Promise<void>;
  transcribe?: (
    audio: { data: Uint8Array; mimeType: string; mediaType: string },
    context: TestContext,
  ) => Promise<{ text: string }>;
  streamOptions?: (thread: ThreadMetadata, context: TestContext) => StreamOptions;
  store?: Store<TestContext>;
  attachmentStore?: AttachmentStore<TestContext>;
  options?: ChatKitServerOptions<TestContext>;
}

/** A server whose behaviour comes from the hooks; without `respond` it replies with nothing. */
export class HookedServer extends ChatKitServer<TestContext> {
  constructor(private readonly hooks: ServerHooks) {
    super(hooks.store ?? new MemoryStore<TestContext>(), hooks.attachmentStore, { logger: silentLogger, ...hooks.options });
  }

  async *respond(thread: ThreadMetadata, input: UserMessageItem | null, context: TestContext, run: ResponseRun) {
    if (this.hooks.respond) yield* this.hooks.respond(thread, input, context, run);
  }

  override action(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, context: TestContext, run: ResponseRun) {
    return this.hooks.action
      ? this.hooks.action(thread, action, sender, context, run)
      : super.action(thread, action, sender, context, run);
  }

  override syncAction(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, context: TestContext) {
    return this.hooks.syncAction
      ? this.hooks.syncAction(thread, action, sender, context)
      : super.syncAction(thread, action, sender, context);
  }

  override addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: TestContext) {
    return this.hooks.addFeedback
      ? this.hooks.addFeedback(threadId, itemIds, kind, context)
      : super.addFeedback(threadId, itemIds, kind, context);
  }

  override transcribe(audio: { data: Uint8Array; mimeType: string; mediaType: string }, context: TestContext) {
    return this.hooks.transcribe ? this.hooks.transcribe(audio, context) : super.transcribe(audio, context);
  }

  override getStreamOptions(thread: ThreadMetadata, context: TestContext) {
    return this.hooks.streamOptions ? this.hooks.streamOptions(thread, context) : super.getStreamOptions(thread, context);
  }
}

/** A text-only user message input. */
export function textInput(text: string, extra: Partial<UserMessageInput> = {}): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {}, ...extra };
}

/**
 * A server plus helpers that send requests through `process()` and check every answer with the
 * protocol schemas (`collectEvents`, `parseJsonResponse`).
 */
export function makeServer(hooks: ServerHooks = {}, context: TestContext = { userId: 'test_user' }) {
  const server = new HookedServer(hooks);
  const body = (type: string, params: unknown) => JSON.stringify({ type, params });
  return {
    server,
    store: server.store,
    context,
    /** Sends a streaming request and returns all its events. */
    async stream(type: string, params: unknown, ctx: TestContext = context): Promise<ThreadStreamEvent[]> {
      return collectEvents(await server.process(body(type, params), ctx));
    },
    /** Sends a JSON request and returns its parsed answer. */
    async json<T extends JsonRequestType>(type: T, params: unknown, ctx: TestContext = context) {
      const result = await server.process(body(type, params), ctx);
      if (result.streaming) throw new Error(`${type} answered a stream`);
      return parseJsonResponse(type, result.json);
    },
    /** Sends a request through `handle()` and returns the HTTP status and the parsed error body. */
    async httpError(type: string, params: unknown, ctx: TestContext = context) {
      const response = await server.handle(
        new Request('http://chatwire.test/chatkit', { method: 'POST', body: body(type, params) }),
        ctx,
      );
      return { status: response.status, body: parseErrorResponse(await response.text()) };
    },
    /** Creates a thread with one user message (the responder runs as usual). */
    async createThread(text = 'Hello', ctx: TestContext = context) {
      const events = await collectEvents(await server.process(body('threads.create', { input: textInput(text) }), ctx));
      const created = events[0];
      if (created?.type !== 'thread.created') throw new Error('threads.create did not start with thread.created');
      return { thread: created.thread, events };
    },
  };
}

/** The id of the thread a `threads.create` stream created. */
export function threadIdOf(events: ThreadStreamEvent[]): string {
  const created = events[0];
  if (created?.type !== 'thread.created') throw new Error('the stream did not start with thread.created');
  return created.thread.id;
}
