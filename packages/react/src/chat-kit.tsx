import { useEffect, useId, useMemo, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import {
  RuntimeContext,
  SettingsContext,
  useChatState,
  useHistoryOpen,
  useRuntime,
  useSettings,
  type ChatRuntime,
} from './context.js';
import { useFileDrop } from './composer/use-file-drop.js';
import type { ChatKitControl } from './control.js';
import { resolveSettings } from './options.js';
import { Composer } from './parts/composer.js';
import { Header } from './parts/header.js';
import { LiveRegion } from './parts/live-region.js';
import { Messages } from './parts/messages.js';
import { StartScreen } from './parts/start-screen.js';
import { ErrorBanner, Notices, Progress } from './parts/status-parts.js';
import { ThreadList } from './parts/thread-list.js';
import { StringsContext, useStrings } from './strings/use-strings.js';
import { themeProps } from './theme.js';

/**
 * Gives the headless parts (`ThreadList`, `Messages`, `Composer`, …) their chat, for a layout of
 * your own; `<ChatKit/>` is this plus the styled layout. Runs the first loads (the history, the
 * `initialThread`) once per chat, then calls `onReady`.
 */
export function ChatKitProvider({ control, children }: { control: ChatKitControl; children: ReactNode }) {
  const { controller, ui, options } = control;
  const runtime = useMemo<ChatRuntime>(() => ({ controller, ui }), [controller, ui]);
  const settings = useMemo(() => resolveSettings(options), [options]);
  const historyEnabled = settings.history.enabled;
  const initialThread = options.initialThread;
  useEffect(() => {
    if (ui.started) return;
    ui.started = true;
    const work: Promise<void>[] = [];
    if (historyEnabled) work.push(controller.loadThreads());
    if (initialThread) work.push(controller.setThread(initialThread));
    void Promise.all(work).then(() => ui.emitReady());
  }, [controller, ui, historyEnabled, initialThread]);
  return (
    <RuntimeContext.Provider value={runtime}>
      <SettingsContext.Provider value={settings}>
        <StringsContext.Provider value={settings.locale.strings}>{children}</StringsContext.Provider>
      </SettingsContext.Provider>
    </RuntimeContext.Provider>
  );
}

export interface ChatKitProps {
  control: ChatKitControl;
  className?: string;
  style?: CSSProperties;
}

/** The complete chat UI. Style it with `@chatwire/react/styles.css` and the `theme` option. */
export function ChatKit({ control, className, style }: ChatKitProps) {
  const theme = useMemo(() => themeProps(control.options.theme), [control.options.theme]);
  return (
    <ChatKitProvider control={control}>
      <ChatLayout
        className={className}
        style={style ? { ...theme.style, ...style } : theme.style}
        attributes={theme.attributes}
      />
    </ChatKitProvider>
  );
}

interface ChatLayoutProps {
  className: string | undefined;
  style: CSSProperties;
  attributes: Record<string, string>;
}

function ChatLayout({ className, style, attributes }: ChatLayoutProps) {
  const { controller, ui } = useRuntime();
  const settings = useSettings();
  const historyOpen = useHistoryOpen();
  const historyId = useId();
  const strings = useStrings();
  const drop = useFileDrop(ui, settings.attachments.enabled);

  // Escape stops a streaming reply from anywhere in the chat (parts that use Escape themselves stop it first).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const state = controller.getState();
    if (state.status === 'streaming' && state.allowCancel) {
      event.preventDefault();
      controller.stop();
    } else if (ui.isHistoryOpen()) {
      event.preventDefault();
      ui.setHistoryOpen(false);
      ui.historyToggle?.focus();
    }
  };

  return (
    <div
      className={className ? `cw-root ${className}` : 'cw-root'}
      style={style}
      {...attributes}
      lang={settings.locale.lang}
      dir={settings.locale.dir}
      data-history={settings.history.enabled ? (historyOpen ? 'open' : 'closed') : 'off'}
      onKeyDown={onKeyDown}
      {...drop.handlers}
    >
      {settings.history.enabled ? <ThreadList id={historyId} /> : null}
      {historyOpen ? <div className="cw-backdrop" aria-hidden="true" onClick={() => ui.setHistoryOpen(false)} /> : null}
      <div className="cw-main">
        {settings.header.enabled || settings.history.enabled ? <Header historyId={historyId} /> : null}
        <ThreadBody />
        <div className="cw-footer">
          <Notices />
          <ErrorBanner />
          <Progress />
          <Composer />
        </div>
        <LiveRegion />
        {drop.dragging ? (
          <div className="cw-drop-hint" aria-hidden="true">
            <p>{strings.dropFiles}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function ThreadBody() {
  const startScreen = useChatState((state) => state.thread === null && !state.loadingThread);
  return startScreen ? <StartScreen /> : <Messages />;
}
