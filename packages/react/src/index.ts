export { useChatKit, type UseChatKitReturn } from './use-chat-kit.js';
export { ChatKit, ChatKitProvider, type ChatKitProps } from './chat-kit.js';
export type { ChatKitControl } from './control.js';
export type {
  AttachmentOptions,
  ChatKitApiOptions,
  ChatKitMethods,
  ChatKitOptions,
  ColorScheme,
  ComposerModelOption,
  ComposerToolOption,
  ComposerValue,
  EntitiesOptions,
  Entity,
  ResolvedSettings,
  SendUserMessageOptions,
  StartScreenPrompt,
  ThemeOptions,
} from './options.js';
export type { UploadStrategy } from '@chatwire/client';
export type { ChatStrings, Strings } from './strings/strings.js';
export type { ItemStrings } from './strings/item-strings.js';
export type { ItemRenderer, ItemRendererProps, WidgetComponentProps, WidgetComponentRenderer } from './widgets/types.js';
export { WidgetView } from './parts/widget-row.js';
export { mergeFormValues, actionRoute, loadingTarget, type FormValue } from '@chatwire/client';
export { resolveLocale, directionOf, type ResolvedLocale } from './strings/locales.js';
export { en as englishStrings } from './strings/en.js';
export { useStrings } from './strings/use-strings.js';
export { useChatState, useRuntime as useChatRuntime, type ChatRuntime } from './context.js';
export { themeProps, type ThemeProps } from './theme.js';

// Headless parts, for a layout of your own inside <ChatKitProvider/>.
export { ThreadList } from './parts/thread-list.js';
export { Messages } from './parts/messages.js';
export { ItemRow, type ItemRowProps } from './parts/item-row.js';
export { Composer } from './parts/composer.js';
export { StartScreen } from './parts/start-screen.js';
export { Header } from './parts/header.js';
export { Notices, ErrorBanner, Progress } from './parts/status-parts.js';
export { LiveRegion } from './parts/live-region.js';
export { Markdown, type MarkdownProps } from './markdown/markdown.js';
export { CodeBlock } from './markdown/code-block.js';
export { registerCodeLanguage } from './markdown/highlight.js';
export { safeLinkUrl, safeImageUrl } from './markdown/safe-url.js';

export { getPageContext, type ChatController, type ChatState, type PageContext } from '@chatwire/client';
