import { useCallback, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useChatState, useRuntime, useSettings } from '../context.js';
import { AttachIcon, CloseIcon, SendIcon, StopIcon } from './icons.js';
import { useAttachments } from './use-attachments.js';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Escape stops a streaming reply.
 * While a reply streams (and the server allows it) "Stop" takes the place of "Send".
 */
export function Composer() {
  const { controller, ui } = useRuntime();
  const settings = useSettings();
  const draft = useChatState((state) => state.draft);
  const streaming = useChatState((state) => state.status === 'streaming');
  const allowCancel = useChatState((state) => state.allowCancel);
  const threadStatus = useChatState((state) => state.thread?.metadata.status);
  const { attachments, add, remove, take, uploading } = useAttachments(controller);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const textarea = useCallback(
    (element: HTMLTextAreaElement | null) => {
      ui.composer = element;
    },
    [ui],
  );

  const blocked = threadStatus && threadStatus.type !== 'active' ? threadStatus : undefined;
  const canSend = !streaming && !blocked && !uploading && draft.trim() !== '';

  const send = () => {
    if (!canSend) return;
    const ids = take();
    void controller.sendMessage({ text: draft.trim(), ...(ids.length ? { attachments: ids } : {}) });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
    ui.focusComposer();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const stop = () => {
    controller.stop();
    ui.focusComposer();
  };

  return (
    <form className="cw-composer" onSubmit={onSubmit} data-disabled={blocked ? true : undefined}>
      {blocked ? (
        <p className="cw-composer-banner" id={hintId}>
          {blocked.reason ?? (blocked.type === 'closed' ? 'This conversation is closed.' : 'This conversation is locked.')}
        </p>
      ) : null}
      {attachments.length > 0 ? (
        <ul className="cw-attachment-tray" aria-label="Attachments">
          {attachments.map((entry) => (
            <li key={entry.key} className="cw-chip" data-status={entry.status}>
              <span>{entry.name}</span>
              {entry.status === 'uploading' ? <span className="cw-chip-note"> uploading…</span> : null}
              {entry.status === 'failed' ? <span className="cw-chip-note"> failed</span> : null}
              <button
                type="button"
                className="cw-chip-remove"
                aria-label={`Remove ${entry.name}`}
                onClick={() => remove(entry.key)}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="cw-composer-row">
        {settings.attachments.enabled ? (
          <>
            <button
              type="button"
              className="cw-icon-button"
              aria-label="Attach files"
              title="Attach files"
              disabled={Boolean(blocked)}
              onClick={() => fileInput.current?.click()}
            >
              <AttachIcon />
            </button>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              tabIndex={-1}
              accept={settings.attachments.accept}
              onChange={(event) => {
                const files = [...(event.currentTarget.files ?? [])].slice(
                  0,
                  Math.max(0, settings.attachments.maxCount - attachments.length),
                );
                add(files);
                event.currentTarget.value = '';
              }}
            />
          </>
        ) : null}
        <textarea
          ref={textarea}
          className="cw-textarea"
          aria-label="Message"
          aria-describedby={blocked ? hintId : undefined}
          placeholder={settings.placeholder}
          rows={1}
          value={draft}
          disabled={Boolean(blocked)}
          onChange={(event) => controller.setDraft(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        {streaming && allowCancel ? (
          <button type="button" className="cw-send cw-stop" aria-label="Stop" title="Stop" onClick={stop}>
            <StopIcon />
          </button>
        ) : (
          <button type="submit" className="cw-send" aria-label="Send" title="Send" disabled={!canSend}>
            <SendIcon />
          </button>
        )}
      </div>
    </form>
  );
}
