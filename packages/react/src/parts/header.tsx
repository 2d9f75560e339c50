import { useChatState, useHistoryOpen, useRuntime, useSettings } from '../context.js';
import { MenuIcon } from './icons.js';

/** The title bar; on narrow layouts it holds the button that shows the thread list. */
export function Header({ historyId }: { historyId: string }) {
  const { ui } = useRuntime();
  const settings = useSettings();
  const open = useHistoryOpen();
  const threadTitle = useChatState((state) => (state.thread ? state.thread.metadata.title?.trim() || undefined : undefined));
  const title = settings.header.title ?? threadTitle;
  // With the header turned off, only the narrow-layout history button remains (CSS hides the bar on wide layouts).
  return (
    <header className="cw-header" data-minimal={settings.header.enabled ? undefined : true}>
      {settings.history.enabled ? (
        <button
          ref={(element) => {
            ui.historyToggle = element;
          }}
          type="button"
          className="cw-icon-button cw-history-toggle"
          aria-label={open ? 'Hide threads' : 'Show threads'}
          aria-expanded={open}
          aria-controls={historyId}
          onClick={() => ui.setHistoryOpen(!open)}
        >
          <MenuIcon />
        </button>
      ) : null}
      {settings.header.enabled && settings.header.showTitle && title ? <h2 className="cw-title">{title}</h2> : null}
    </header>
  );
}
