import type { ThreadMetadata } from '@chatwire/protocol';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useChatState, useHistoryOpen, useRuntime, useSettings } from '../context.js';
import { useStrings } from '../strings/use-strings.js';
import { PencilIcon, PlusIcon, TrashIcon } from './icons.js';

/**
 * The history: a navigation landmark "Threads" with "New chat" and one button per thread, named
 * by its title. Each thread can be renamed in place and deleted after a confirmation.
 */
export function ThreadList({ id }: { id?: string }) {
  const { controller, ui } = useRuntime();
  const settings = useSettings();
  const threads = useChatState((state) => state.threads);
  const activeId = useChatState((state) => state.thread?.metadata.id);
  const open = useHistoryOpen();
  const strings = useStrings();
  const newChat = useRef<HTMLButtonElement>(null);

  const select = useCallback(
    (threadId: string | null) => {
      ui.setHistoryOpen(false);
      void controller.setThread(threadId).then(() => ui.focusComposer());
    },
    [controller, ui],
  );
  const focusNewChat = useCallback(() => newChat.current?.focus(), []);
  // The drawer (narrow layouts) opens with focus inside it, so keyboard users land in the list.
  useEffect(() => {
    if (open) newChat.current?.focus();
  }, [open]);

  return (
    <nav id={id} className="cw-threads" aria-label={strings.threads} data-open={open || undefined}>
      <button ref={newChat} type="button" className="cw-new-chat" onClick={() => select(null)}>
        <PlusIcon />
        <span>{strings.newChat}</span>
      </button>
      {threads.loading && !threads.loaded ? (
        <p className="cw-threads-note" role="status">
          {strings.loadingThreads}
        </p>
      ) : null}
      <ul className="cw-thread-items">
        {threads.data.map((thread) => (
          <ThreadRow
            key={thread.id}
            thread={thread}
            active={thread.id === activeId}
            showRename={settings.history.showRename}
            showDelete={settings.history.showDelete}
            onSelect={select}
            onDeleted={focusNewChat}
          />
        ))}
      </ul>
      {threads.hasMore ? (
        <button
          type="button"
          className="cw-more-threads"
          disabled={threads.loading}
          onClick={() => void controller.loadMoreThreads()}
        >
          {strings.showMoreThreads}
        </button>
      ) : null}
    </nav>
  );
}

interface ThreadRowProps {
  thread: ThreadMetadata;
  active: boolean;
  showRename: boolean;
  showDelete: boolean;
  onSelect: (threadId: string) => void;
  onDeleted: () => void;
}

type RowMode = 'view' | 'rename' | 'confirm-delete';

const ThreadRow = memo(function ThreadRow({ thread, active, showRename, showDelete, onSelect, onDeleted }: ThreadRowProps) {
  const { controller } = useRuntime();
  const [mode, setMode] = useState<RowMode>('view');
  const strings = useStrings();
  const title = thread.title?.trim() || strings.untitled;
  const focusAfter = useRef<'rename' | 'delete' | 'title' | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const titleButton = useRef<HTMLButtonElement>(null);

  // Put focus back where the keyboard user was once an inline form closes.
  useEffect(() => {
    if (mode !== 'view' || !focusAfter.current) return;
    const target = { rename: renameButton, delete: deleteButton, title: titleButton }[focusAfter.current];
    focusAfter.current = null;
    target.current?.focus();
  }, [mode]);

  if (mode === 'rename') {
    return (
      <li className="cw-thread" data-thread-id={thread.id}>
        <RenameForm
          initial={thread.title ?? ''}
          onDone={(newTitle) => {
            focusAfter.current = 'rename';
            setMode('view');
            if (newTitle !== undefined && newTitle !== (thread.title ?? '')) void controller.renameThread(thread.id, newTitle);
          }}
        />
      </li>
    );
  }

  if (mode === 'confirm-delete') {
    return (
      <li className="cw-thread cw-thread-confirm" data-thread-id={thread.id}>
        <div role="group" aria-label={strings.confirmDelete(title)} className="cw-confirm">
          <span className="cw-confirm-text">{strings.confirmDelete(title)}</span>
          <button
            type="button"
            className="cw-danger"
            onClick={() => {
              onDeleted();
              void controller.deleteThread(thread.id);
            }}
          >
            {strings.confirmDeleteYes}
          </button>
          <ConfirmCancel
            onCancel={() => {
              focusAfter.current = 'delete';
              setMode('view');
            }}
          />
        </div>
      </li>
    );
  }

  return (
    <li className="cw-thread" data-thread-id={thread.id} data-active={active || undefined}>
      <button
        ref={titleButton}
        type="button"
        className="cw-thread-title"
        aria-current={active ? 'page' : undefined}
        onClick={() => onSelect(thread.id)}
      >
        <span className="cw-thread-label">{title}</span>
      </button>
      {showRename || showDelete ? (
        <span className="cw-thread-actions">
          {showRename ? (
            <button
              ref={renameButton}
              type="button"
              className="cw-icon-button cw-thread-action"
              aria-label={strings.rename}
              title={strings.renameThread(title)}
              onClick={() => setMode('rename')}
            >
              <PencilIcon />
            </button>
          ) : null}
          {showDelete ? (
            <button
              ref={deleteButton}
              type="button"
              className="cw-icon-button cw-thread-action"
              aria-label={strings.delete}
              title={strings.deleteThread(title)}
              onClick={() => setMode('confirm-delete')}
            >
              <TrashIcon />
            </button>
          ) : null}
        </span>
      ) : null}
    </li>
  );
});

/** The cancel button of the delete confirmation takes focus, so Enter right after "Delete" does no harm. */
function ConfirmCancel({ onCancel }: { onCancel: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const strings = useStrings();
  useEffect(() => button.current?.focus(), []);
  return (
    <button
      ref={button}
      type="button"
      onClick={onCancel}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onCancel();
      }}
    >
      {strings.cancel}
    </button>
  );
}

/** Enter saves, Escape cancels; leaving the field saves too. */
function RenameForm({ initial, onDone }: { initial: string; onDone: (title: string | undefined) => void }) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  const strings = useStrings();
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (title: string | undefined) => {
    if (finished.current) return;
    finished.current = true;
    onDone(title === undefined ? undefined : title.trim() || undefined);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish(undefined);
    }
  };
  return (
    <form
      className="cw-rename"
      onSubmit={(event) => {
        event.preventDefault();
        finish(value);
      }}
    >
      <input
        ref={input}
        className="cw-rename-input"
        aria-label={strings.threadTitle}
        value={value}
        maxLength={200}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => finish(value)}
      />
    </form>
  );
}
