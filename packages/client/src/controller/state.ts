import type { FeedbackKind, IconName, NoticeEvent, ThreadItem, ThreadMetadata } from '@chatwire/protocol';

/**
 * What a chat UI renders, as one immutable snapshot. Every change produces a new `ChatState`,
 * and inside it new objects only along the path that changed: a text delta gives a new `thread`,
 * a new `thread.items` array and a new object for the one item it touched; every other item, the
 * thread list and the thread's metadata keep their identity. Compare with `===` to skip work.
 */
export interface ChatState {
  threads: ThreadListState;
  /** The open thread, or null for a new chat that has not been sent yet. */
  thread: ThreadView | null;
  /** True while `setThread()` loads a thread. */
  loadingThread: boolean;
  status: 'idle' | 'streaming' | 'error';
  /** The item that is streaming right now (added, not yet done). */
  streamingItemId: string | null;
  /** From the reply's `stream_options`: whether a stop button makes sense. */
  allowCancel: boolean;
  /** The latest `progress_update` of the running reply, cleared when content arrives. */
  progress: Progress | null;
  notices: readonly Notice[];
  error: ChatError | null;
  /** Feedback given in this session, by item id. */
  feedback: Readonly<Record<string, FeedbackKind>>;
  /** Progress of generating images (0..1), by item id, from `generated_image.updated`. */
  imageProgress: Readonly<Record<string, number>>;
  /** The composer's text. */
  draft: string;
}

export interface ThreadListState {
  /** Newest first, as `threads.list` answers. */
  data: readonly ThreadMetadata[];
  hasMore: boolean;
  /** The cursor for the next page. */
  after: string | undefined;
  loading: boolean;
  /** True once the first page arrived. */
  loaded: boolean;
}

export interface ThreadView {
  /** The thread itself (title, status…), without items. Replaced by `thread.updated`. */
  metadata: ThreadMetadata;
  /** Visible items, oldest first. Items of every type are kept, including ones a UI cannot render. */
  items: readonly ThreadItem[];
  /** Older items exist on the server; `loadOlderItems()` fetches them. */
  hasMoreBefore: boolean;
  loadingOlder: boolean;
}

export interface Progress {
  text: string;
  icon?: IconName;
}

export interface Notice {
  /** Unique within this controller, for keys and `dismissNotice()`. */
  id: number;
  level: NoticeEvent['level'];
  /** Markdown. */
  message: string;
  title?: string;
}

export interface ChatError {
  /** Where it came from: an `error` event, an HTTP answer, the network, or an answer that broke the protocol. */
  source: 'stream' | 'http' | 'network' | 'protocol' | 'client';
  code: string;
  message: string;
  /** Whether a retry button makes sense. */
  allowRetry: boolean;
  /** The HTTP status, for `http` errors. */
  status?: number;
  /** Seconds to wait, from `Retry-After`. */
  retryAfter?: number;
}

export const INITIAL_THREAD_LIST: ThreadListState = Object.freeze({
  data: Object.freeze([]),
  hasMore: false,
  after: undefined,
  loading: false,
  loaded: false,
});

export function initialState(): ChatState {
  return {
    threads: INITIAL_THREAD_LIST,
    thread: null,
    loadingThread: false,
    status: 'idle',
    streamingItemId: null,
    allowCancel: true,
    progress: null,
    notices: [],
    error: null,
    feedback: {},
    imageProgress: {},
    draft: '',
  };
}
