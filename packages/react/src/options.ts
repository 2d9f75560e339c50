import type { ClientToolCall, ResponseOutcome, UploadStrategy } from '@chatwire/client';
import type { Action, JsonObject, UserMessageContent, WidgetRoot } from '@chatwire/protocol';
import type { ItemRenderer, WidgetComponentRenderer } from './widgets/types.js';
import { resolveLocale, type ResolvedLocale } from './strings/locales.js';
import type { Strings } from './strings/strings.js';

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
  /**
   * How composer attachments reach the server: `two_phase` (default: `attachments.create`, then
   * the bytes to its `upload_descriptor`) or `direct` (a multipart `file` POSTed to `uploadUrl`,
   * which answers the `Attachment`).
   */
  uploadStrategy?: UploadStrategy;
}

export interface AttachmentOptions {
  enabled: boolean;
  /** Largest file in bytes: one number, or by MIME type (`{ 'image/*': 5_000_000, '*': 20_000_000 }`). */
  maxSize?: number | Record<string, number>;
  /** Most files on one message (default 10). */
  maxCount?: number;
  /** What may be attached: an `<input accept>` string, or MIME types with their extensions, as in ChatKit. */
  accept?: string | Record<string, string[]>;
}

/** A composer tool: picking it sends `inference_options.tool_choice: { id }` with the message. */
export interface ComposerToolOption {
  id: string;
  label: string;
  /** Accepted for compatibility; the styled layer shows no tool icons. */
  icon?: string;
  /** What the selected tool's chip says (default: `label`). */
  shortLabel?: string;
  /** The message box's placeholder while the tool is selected. */
  placeholderOverride?: string;
  /** Shown as its own button beside the composer instead of in the "Tools" menu. */
  pinned?: boolean;
  /** Stays selected after a message is sent (default: cleared). */
  persistent?: boolean;
}

/** A model the user may pick; sent as `inference_options.model`. The server decides whether to honour it. */
export interface ComposerModelOption {
  id: string;
  label: string;
  description?: string;
  disabled?: boolean;
  default?: boolean;
}

/** Something of the host app's that a user can @-mention; it reaches the server as an `input_tag`. */
export interface Entity {
  id: string;
  title: string;
  /** Accepted for compatibility; the styled layer shows the title's first letter. */
  icon?: string;
  /** Whether the tag is clickable in sent messages (calls `entities.onClick`). */
  interactive?: boolean;
  /** A heading to group search results under. */
  group?: string;
  data?: Record<string, string>;
}

export interface EntitiesOptions {
  /** Entities matching what follows an `@` in the message box; turns @-mentions on. */
  onTagSearch?: (query: string) => Awaitable<Entity[]>;
  /** Also show a "Mention" button that starts an @-mention. */
  showComposerMenu?: boolean;
  /** A click on an interactive tag in a sent message. */
  onClick?: (entity: Entity) => void;
  /** Accepted for compatibility with `@openai/chatkit`; entity previews are not shown yet. */
  onRequestPreview?: (entity: Entity) => unknown;
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
  /**
   * The chat's language (a BCP 47 tag): its words (English, German and Arabic are built in; others
   * fall back to English unless `strings` brings them), its `lang` and `dir` (right to left for
   * Arabic, Hebrew, Persian, Urdu…). Also sent as `Accept-Language`.
   */
  locale?: string;
  /** Words to use instead of the locale's (any subset), e.g. a whole table for another language. */
  strings?: Partial<Strings>;
  theme?: ColorScheme | ThemeOptions;
  header?: { enabled?: boolean; title?: { enabled?: boolean; text?: string } };
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean };
  startScreen?: { greeting?: string; prompts?: StartScreenPrompt[] };
  composer?: {
    placeholder?: string;
    attachments?: AttachmentOptions;
    tools?: ComposerToolOption[];
    models?: ComposerModelOption[];
    /** A microphone button that records, then asks the server for the text (`input.transcribe`). */
    dictation?: { enabled: boolean };
  };
  entities?: EntitiesOptions;
  /** Buttons on assistant replies besides "Copy" (always there). Both default to off, as in ChatKit. */
  threadItemActions?: { feedback?: boolean; retry?: boolean };
  widgets?: {
    /**
     * Handles widget actions declared with `handler: "client"`, with the action (form values merged
     * into its payload) and the widget item. May call `sendCustomAction` to continue on the server.
     */
    onAction?: (action: Action, widgetItem: { id: string; widget: WidgetRoot }) => void | Promise<void>;
    /**
     * Renderers for widget component types, by `type`: your own components (a `"Map"` a tool of
     * yours streams) or replacements for built-in ones (`"Badge"`). A Chatwire extension.
     */
    components?: Readonly<Record<string, WidgetComponentRenderer>>;
  };
  /**
   * Renderers for thread item types, by wire `type` (`"client_tool_call"`, `"widget"`, …), used
   * instead of the built-in views. A Chatwire extension.
   */
  itemRenderers?: Readonly<Partial<Record<string, ItemRenderer>>>;
  /** Answers client tool calls; the value returned is sent back as the tool's output. */
  onClientTool?: (call: ClientToolCall) => unknown;

  onReady?: () => void;
  onError?: (event: { error: Error }) => void;
  onResponseStart?: (event: { threadId: string | null }) => void;
  onResponseEnd?: (event: { threadId: string | null; outcome: ResponseOutcome }) => void;
  onThreadChange?: (event: { threadId: string | null }) => void;
  /** The composer's selected tool changed (`null`: none). */
  onToolChange?: (event: { toolId: string | null }) => void;
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

export interface ComposerValue {
  text?: string;
  /** Files to attach (uploaded as if picked). */
  files?: File[];
  /** A tool id from `composer.tools`, or `null` for none. */
  selectedToolId?: string | null;
  /** A model id from `composer.models`. */
  selectedModelId?: string;
}

export interface ChatKitMethods {
  sendUserMessage(message: SendUserMessageOptions): Promise<void>;
  setThreadId(threadId: string | null): Promise<void>;
  focusComposer(): void;
  /** Fills in the composer: its text, files to attach, the selected tool or model. */
  setComposerValue(value: ComposerValue): void;
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
  /** The options' placeholder; `undefined` means the locale's word for "Message". */
  placeholder: string | undefined;
  attachments: {
    enabled: boolean;
    maxCount: number;
    maxSize: number | Readonly<Record<string, number>> | undefined;
    accept: string | Readonly<Record<string, string[]>> | undefined;
    strategy: UploadStrategy;
  };
  tools: readonly ComposerToolOption[];
  models: readonly ComposerModelOption[];
  dictation: boolean;
  mentions: { enabled: boolean; showComposerMenu: boolean };
  /** The options' greeting; `undefined` means the locale's. */
  greeting: string | undefined;
  prompts: readonly StartScreenPrompt[];
  locale: ResolvedLocale;
  widgetComponents: Readonly<Record<string, WidgetComponentRenderer>>;
  itemRenderers: Readonly<Partial<Record<string, ItemRenderer>>>;
}

const NO_PROMPTS: readonly StartScreenPrompt[] = [];
const NO_RENDERERS = Object.freeze({});
const NONE: readonly never[] = [];
const TWO_PHASE: UploadStrategy = { type: 'two_phase' };

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
    placeholder: options.composer?.placeholder,
    attachments: {
      enabled: options.composer?.attachments?.enabled ?? false,
      maxCount: Math.max(1, options.composer?.attachments?.maxCount ?? 10),
      maxSize: options.composer?.attachments?.maxSize,
      accept: options.composer?.attachments?.accept,
      strategy: options.api.uploadStrategy ?? TWO_PHASE,
    },
    tools: options.composer?.tools ?? NONE,
    models: options.composer?.models ?? NONE,
    dictation: options.composer?.dictation?.enabled ?? false,
    mentions: {
      enabled: options.entities?.onTagSearch !== undefined,
      showComposerMenu: options.entities?.showComposerMenu ?? false,
    },
    greeting: options.startScreen?.greeting,
    prompts: options.startScreen?.prompts ?? NO_PROMPTS,
    locale: resolveLocale(options.locale, options.strings),
    widgetComponents: options.widgets?.components ?? NO_RENDERERS,
    itemRenderers: options.itemRenderers ?? NO_RENDERERS,
  };
}
