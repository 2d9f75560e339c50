import {
  Attachment,
  type ExtensionReq,
  JsonObject,
  SyncCustomActionResponse,
  Thread,
  ThreadItemPage,
  ThreadPage,
  TranscriptionResult,
  type ThreadStreamEvent,
} from '@chatwire/protocol';
import { ChatKitNetworkError, ProtocolError, isAbortError } from './errors.js';
import { readThreadEvents, type InvalidEvent } from './event-stream.js';
import { safeJson, toHttpError } from './http-error.js';
import type {
  AddClientToolOutputParams,
  AddStructuredInputParams,
  AddUserMessageParams,
  CreateAttachmentParams,
  CreateThreadParams,
  CustomActionRequestParams,
  DeleteAttachmentParams,
  DeleteThreadParams,
  FeedbackParams,
  GetThreadParams,
  ListItemsParams,
  ListThreadsParams,
  ResumeThreadParams,
  RetryAfterItemParams,
  StopThreadParams,
  TranscribeParams,
  UpdateThreadParams,
} from './request-types.js';

type Awaitable<T> = T | Promise<T>;

export interface ChatKitClientOptions {
  /** The ChatKit endpoint; every request is a `POST` to it. */
  url: string;
  /** Replaces the global `fetch`: the place to add auth headers, cookies or a proxy. */
  fetch?: typeof fetch;
  /** Sent with every request. */
  headers?: Record<string, string> | (() => Awaitable<Record<string, string>>);
  /** Merged into every request envelope's `metadata` (for example `pageContext`, `userInfo`). */
  metadata?: JsonObject | (() => Awaitable<JsonObject>);
  /** Sent as `Accept-Language`. */
  locale?: string;
  /** Called for every stream event this client cannot parse; the stream goes on without it. */
  onInvalidEvent?: (invalid: InvalidEvent) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Merged over the client's `metadata` for this request only. */
  metadata?: JsonObject;
}

/** The parsed events of one streamed reply. Breaking out of the loop (or aborting) stops reading. */
export type ThreadEventStream = AsyncGenerator<ThreadStreamEvent, void, undefined>;

interface ResponseSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

const MAX_SHOWN = 200;

/**
 * The ChatKit protocol over `fetch`, one method per request type. JSON answers are checked with
 * the protocol's response schemas (`ProtocolError` when they do not match); HTTP errors become
 * `ChatKitHttpError`; a streaming request resolves once the server has accepted it (so a 404 or 409
 * rejects here, before any event) to an async iterable of parsed events.
 */
export class ChatKitClient {
  #extensions: ReadonlySet<string> = new Set();

  constructor(readonly options: ChatKitClientOptions) {}

  /**
   * Whether the server has said (in the `X-Chatwire-Extensions` header of an answer) that it
   * handles this Chatwire extension. False until a first answer has come, and always for a stock
   * ChatKit server, which never sends the header.
   */
  supports(type: ExtensionReq['type']): boolean {
    return this.#extensions.has(type);
  }

  // ── JSON requests ─────────────────────────────────────────────────────────────────────────

  getThread(params: GetThreadParams, options?: RequestOptions): Promise<Thread> {
    return this.json('threads.get_by_id', params, Thread, options);
  }

  listThreads(params: ListThreadsParams = {}, options?: RequestOptions): Promise<ThreadPage> {
    return this.json('threads.list', params, ThreadPage, options);
  }

  listItems(params: ListItemsParams, options?: RequestOptions): Promise<ThreadItemPage> {
    return this.json('items.list', params, ThreadItemPage, options);
  }

  sendFeedback(params: FeedbackParams, options?: RequestOptions): Promise<void> {
    return this.ack('items.feedback', params, options);
  }

  createAttachment(params: CreateAttachmentParams, options?: RequestOptions): Promise<Attachment> {
    return this.json('attachments.create', params, Attachment, options);
  }

  deleteAttachment(params: DeleteAttachmentParams, options?: RequestOptions): Promise<void> {
    return this.ack('attachments.delete', params, options);
  }

  updateThread(params: UpdateThreadParams, options?: RequestOptions): Promise<Thread> {
    return this.json('threads.update', params, Thread, options);
  }

  deleteThread(params: DeleteThreadParams, options?: RequestOptions): Promise<void> {
    return this.ack('threads.delete', params, options);
  }

  transcribe(params: TranscribeParams, options?: RequestOptions): Promise<TranscriptionResult> {
    return this.json('input.transcribe', params, TranscriptionResult, options);
  }

  syncCustomAction(params: CustomActionRequestParams, options?: RequestOptions): Promise<SyncCustomActionResponse> {
    return this.json('threads.sync_custom_action', params, SyncCustomActionResponse, options);
  }

  /** `chatwire.threads.stop`: stops the thread's running reply wherever it runs; resolves once the server kept what it keeps. */
  stopThread(params: StopThreadParams, options?: RequestOptions): Promise<void> {
    return this.ack('chatwire.threads.stop', params, options);
  }

  // ── Streaming requests ────────────────────────────────────────────────────────────────────

  createThread(params: CreateThreadParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.create', params, options);
  }

  addUserMessage(params: AddUserMessageParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.add_user_message', params, options);
  }

  addClientToolOutput(params: AddClientToolOutputParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.add_client_tool_output', params, options);
  }

  addStructuredInput(params: AddStructuredInputParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.add_structured_input', params, options);
  }

  retryAfterItem(params: RetryAfterItemParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.retry_after_item', params, options);
  }

  customAction(params: CustomActionRequestParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('threads.custom_action', params, options);
  }

  /**
   * `chatwire.threads.resume`: the thread's running reply from its event `after_event` on (events
   * counted from its `stream_options`), then live, to its end; empty when nothing is running.
   */
  resumeThread(params: ResumeThreadParams, options?: RequestOptions): Promise<ThreadEventStream> {
    return this.stream('chatwire.threads.resume', params, options);
  }

  // ── Other URLs of the same server ─────────────────────────────────────────────────────────

  /**
   * `fetch` for a URL other than the endpoint (an upload target, an attachment preview) through
   * the client's `fetch`. The client's headers (its credentials) go along only when `url` is on
   * the endpoint's own origin: an upload descriptor may point at object storage, which must not
   * see the user's token.
   */
  async fetchRelated(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (sameOrigin(url, this.options.url)) {
      for (const [name, value] of Object.entries(await this.headers())) if (!headers.has(name)) headers.set(name, value);
    }
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      return await fetchImpl(url, { ...init, headers });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ChatKitNetworkError(`Could not reach ${url}: ${describe(error)}`, { cause: error });
    }
  }

  // ── Transport ─────────────────────────────────────────────────────────────────────────────

  private async json<T>(type: string, params: unknown, schema: ResponseSchema<T>, options?: RequestOptions): Promise<T> {
    const response = await this.post(type, params, options);
    const text = await response.text();
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
      throw new ProtocolError(`Invalid ${type} response${where}: ${issue?.message ?? 'not JSON'}`, text.slice(0, MAX_SHOWN));
    }
    return parsed.data;
  }

  /** Acknowledgements are `{}`; any JSON object is accepted so that servers may add fields. */
  private async ack(type: string, params: unknown, options?: RequestOptions): Promise<void> {
    await this.json(type, params, JsonObject, options);
  }

  private async stream(type: string, params: unknown, options?: RequestOptions): Promise<ThreadEventStream> {
    const response = await this.post(type, params, options);
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('text/event-stream') || !response.body) {
      const text = await response.text().catch(() => '');
      throw new ProtocolError(
        `Expected an event stream for ${type}, got ${contentType || 'no content type'}`,
        text.slice(0, MAX_SHOWN),
      );
    }
    return readThreadEvents(response.body, { signal: options?.signal, onInvalidEvent: this.options.onInvalidEvent });
  }

  private async post(type: string, params: unknown, options: RequestOptions = {}): Promise<Response> {
    const body = JSON.stringify({ type, params, metadata: { ...(await this.metadata()), ...options.metadata } });
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...(await this.headers()),
    };
    if (this.options.locale) headers['Accept-Language'] = this.options.locale;
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await fetchImpl(this.options.url, { method: 'POST', headers, body, signal: options.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ChatKitNetworkError(`Could not reach ${this.options.url}: ${describe(error)}`, { cause: error });
    }
    const extensions = response.headers.get('x-chatwire-extensions');
    if (extensions !== null) this.#extensions = new Set(extensions.split(',').map((name) => name.trim()));
    if (!response.ok) throw await toHttpError(response);
    return response;
  }

  private async metadata(): Promise<JsonObject> {
    const { metadata } = this.options;
    return typeof metadata === 'function' ? metadata() : (metadata ?? {});
  }

  private async headers(): Promise<Record<string, string>> {
    const { headers } = this.options;
    return typeof headers === 'function' ? headers() : (headers ?? {});
  }
}

function sameOrigin(url: string, endpoint: string): boolean {
  const base = globalThis.location?.href;
  try {
    return new URL(url, base).origin === new URL(endpoint, base).origin;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
