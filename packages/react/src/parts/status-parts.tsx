import { useChatState, useRuntime } from '../context.js';
import { Markdown } from '../markdown/markdown.js';
import { useStrings } from '../strings/use-strings.js';
import { CloseIcon } from './icons.js';

/** `notice` events: dismissable, announced politely (or assertively when the level is `danger`). */
export function Notices() {
  const { controller } = useRuntime();
  const notices = useChatState((state) => state.notices);
  const strings = useStrings();
  if (notices.length === 0) return null;
  return (
    <div className="cw-notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className="cw-notice"
          data-level={notice.level}
          role={notice.level === 'danger' ? 'alert' : 'status'}
        >
          <div className="cw-notice-body">
            {notice.title ? <p className="cw-notice-title">{notice.title}</p> : null}
            <Markdown text={notice.message} />
          </div>
          <button
            type="button"
            className="cw-icon-button"
            aria-label={strings.dismissNotice}
            onClick={() => controller.dismissNotice(notice.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}

/** The last failure, with "Retry" when it makes sense. */
export function ErrorBanner() {
  const { controller } = useRuntime();
  const error = useChatState((state) => state.error);
  const strings = useStrings();
  // Only a failed reply can be retried; other failures (loading the history, renaming) cannot.
  const replyFailed = useChatState((state) => state.status === 'error');
  if (!error) return null;
  return (
    <div className="cw-error" role="alert" data-code={error.code}>
      <p className="cw-error-message">{error.message || strings.genericError}</p>
      <div className="cw-error-actions">
        {error.allowRetry && replyFailed ? (
          <button
            type="button"
            onClick={() => {
              controller.clearError();
              void controller.retry();
            }}
          >
            {strings.retry}
          </button>
        ) : null}
        <button
          type="button"
          className="cw-icon-button"
          aria-label={strings.dismissError}
          onClick={() => controller.clearError()}
        >
          <CloseIcon />
        </button>
      </div>
    </div>
  );
}

/** The running reply's `progress_update` text. */
export function Progress() {
  const progress = useChatState((state) => state.progress);
  if (!progress) return null;
  return (
    <p className="cw-progress" role="status">
      <span className="cw-spinner" aria-hidden="true" />
      {progress.text}
    </p>
  );
}
