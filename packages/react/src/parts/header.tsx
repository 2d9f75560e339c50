import { useChatState, useHistoryOpen, useRuntime, useSettings } from '../context.js';
import { useStrings } from '../strings/use-strings.js';
import { MenuIcon, NewChatIcon } from './icons.js';

/**
 * The title bar. On narrow layouts it holds the button that shows the thread list and a "New
 * chat" button, so starting over is one click at every width (beside the chat, the thread list
 * has its own "New chat" and this one is hidden).
 */
export function Header({ historyId }: { historyId: string }) {
  const { controller, ui } = useRuntime();
  const settings = useSettings();
  const open = useHistoryOpen();
  const strings = useStrings();
  const threadTitle = useChatState((state) => (state.thread ? state.thread.metadata.title?.trim() || undefined : undefined));
  const hasThread = useChatState((state) => state.thread !== null);
  const title = settings.header.title ?? threadTitle;
  const newChat = () => {
    ui.setHistoryOpen(false);
    void controller.setThread(null).then(() => ui.focusComposer());
  };
  // With the header turned off, only the narrow-layout buttons remain (CSS hides the bar on wide layouts).
  return (
    <header
      className="cw-header"
      data-minimal={settings.header.enabled ? undefined : true}
      data-history={settings.history.enabled ? undefined : 'off'}
    >
      {settings.history.enabled ? (
        <button
          ref={(element) => {
            ui.historyToggle = element;
          }}
          type="button"
          className="cw-icon-button cw-history-toggle"
          aria-label={open ? strings.hideThreads : strings.showThreads}
          aria-expanded={open}
          aria-controls={historyId}
          onClick={() => ui.setHistoryOpen(!open)}
        >
          <MenuIcon />
        </button>
      ) : null}
      {settings.header.enabled && settings.header.showTitle && title ? (
        <h2 className="cw-title" title={title}>
          {title}
        </h2>
      ) : null}
      <button
        type="button"
        className="cw-icon-button cw-header-new-chat"
        aria-label={strings.newChat}
        title={strings.newChat}
        disabled={!hasThread}
        onClick={newChat}
      >
        <NewChatIcon />
      </button>
    </header>
  );
}
