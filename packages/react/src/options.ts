import type { ClientToolCall, ResponseOutcome } from '@chatwire/client';
import type { Action, JsonObject, UserMessageContent } from '@chatwire/protocol';

type Awaitable<T> = T | Promise<T>;

/**
 * Where the chat's ChatKit endpoint is and how to reach it. Shaped like `@openai/chatkit`'s
 * `CustomApiConfig`, so `domainKey` may stay in place (it is accepted and ignored: nothing here
 * asks OpenAI for permission to run).
 */
export interface ChatKitApiOptions {
  url: string;
  /** Accepted for drop-in compatibility with `@openai/chatkit`; unused. */
  domainKey?: string;
  /** Replaces the global `fetch` for every request: auth headers, `credentials`, a proxy. */
  fetch?: typeof fetch;
  headers?: Record<string, string> | (() => Awaitable<Record<string, string>>);
  /** Merged into every request's envelope `metadata`, computed per request (e.g. `pageContext`). */
  metadata?: JsonObject | (() => Awaitable<JsonObject>);
}

export type ColorScheme = 'light' | 'dark';

export interface ThemeOptions {
  colorScheme?: ColorScheme;
  /** Corner roundness: `pill` is fully round buttons, `sharp` square corners. */
  radius?: 'pill' | 'round' | 'soft' | 'sharp';
  density?: 'compact' | 'normal' | 'spacious';
  color?: {
    accent?: { primary?: string };
    surface?: { background?: string; foreground?: string };
  };
  typography?: {
    /** Base font size in pixels. */
    baseSize?: number;
    fontFamily?: string;
    fontFamilyMono?: string;
  };
}

export interface StartScreenPrompt {
  label: string;
  /** What is sent when the prompt is picked: text, or content parts. */
  prompt: string | UserMessageContent[];
  /** Accepted for compatibility; the styled layer shows no prompt icons yet. */
  icon?: string;
}

export interface ChatKitOptions {
  api: ChatKitApiOptions;
  /** The thread to open first; `null` or absent starts on a new chat. */
  initialThread?: string | null;
  /** Sent as `Accept-Language` and set as the chat's `lang`. */
  locale?: string;
  theme?: ColorScheme | ThemeOptions;
  header?: { enabled?: boolean; title?: { enabled?: boolean; text?: string } };
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean };
  startScreen?: { greeting?: string; prompts?: StartScreenPrompt[] };
  composer?: {
    placeholder?: string;
    attachments?: { enabled: boolean; maxCount?: number; accept?: string };
  };
  /** Buttons on assistant replies besides "Copy" (always there). Both default to off, as in ChatKit. */
  threadItemActions?: { feedback?: boolean; retry?: boolean };
  /** Answers client tool calls; the value returned is sent back as the tool's output. */
  onClientTool?: (call: ClientToolCall) => unknown;

  onReady?: () => void;
  onError?: (event: { error: Error }) => void;
  onResponseStart?: (event: { threadId: string | null }) => void;
  onResponseEnd?: (event: { threadId: string | null; outcome: ResponseOutcome }) => void;
  onThreadChange?: (event: { threadId: string | null }) => void;
  onThreadLoadStart?: (event: { threadId: string }) => void;
  onThreadLoadEnd?: (event: { threadId: string }) => void;
  onEffect?: (event: { name: string; data: JsonObject }) => void;
  onLog?: (event: { name: string; data?: Record<string, unknown> }) => void;
}

/** What `sendUserMessage` takes, as in `@openai/chatkit-react`. */
export interface SendUserMessageOptions {
  text?: string;
  content?: UserMessageContent[];
  attachments?: string[];
  /** Becomes the message's `quoted_text`. */
  reply?: string;
  newThread?: boolean;
  toolChoice?: string;
  model?: string;
}

export interface ChatKitMethods {
  sendUserMessage(message: SendUserMessageOptions): Promise<void>;
  setThreadId(threadId: string | null): Promise<void>;
  focusComposer(): void;
  setComposerValue(value: { text?: string }): void;
  fetchUpdates(): Promise<void>;
  sendCustomAction(action: Action, itemId?: string): Promise<void>;
  showHistory(): void;
  hideHistory(): void;
}

/** The options with their defaults filled in, as the parts read them. */
export interface ResolvedSettings {
  history: { enabled: boolean; showDelete: boolean; showRename: boolean };
  header: { enabled: boolean; title: string | undefined; showTitle: boolean };
  threadItemActions: { feedback: boolean; retry: boolean };
  placeholder: string;
  attachments: { enabled: boolean; maxCount: number; accept: string | undefined };
  greeting: string;
  prompts: readonly StartScreenPrompt[];
}

const NO_PROMPTS: readonly StartScreenPrompt[] = [];

export function resolveSettings(options: ChatKitOptions): ResolvedSettings {
  return {
    history: {
      enabled: options.history?.enabled ?? true,
      showDelete: options.history?.showDelete ?? true,
      showRename: options.history?.showRename ?? true,
    },
    header: {
      enabled: options.header?.enabled ?? true,
      title: options.header?.title?.text,
      showTitle: options.header?.title?.enabled ?? true,
    },
    threadItemActions: {
      feedback: options.threadItemActions?.feedback ?? false,
      retry: options.threadItemActions?.retry ?? false,
    },
    placeholder: options.composer?.placeholder ?? 'Message',
    attachments: {
      enabled: options.composer?.attachments?.enabled ?? false,
      maxCount: options.composer?.attachments?.maxCount ?? 10,
      accept: options.composer?.attachments?.accept,
    },
    greeting: options.startScreen?.greeting ?? 'What can I help with?',
    prompts: options.startScreen?.prompts ?? NO_PROMPTS,
  };
}
