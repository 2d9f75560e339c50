import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useChatState, useRuntime, useSettings } from '../context.js';
import { AttachmentTray, RejectedFiles } from '../composer/attachment-tray.js';
import { acceptAttribute } from '../composer/attachment-rules.js';
import { defaultModel, ModelPicker, ToolPicker } from '../composer/composer-pickers.js';
import { DictationButton, DictationNote } from '../composer/dictation-button.js';
import { MentionMenu, optionId } from '../composer/mention-menu.js';
import { MentionMirror } from '../composer/mention-mirror.js';
import { tagSpans, toContent } from '../composer/mention-text.js';
import { useAttachments } from '../composer/use-attachments.js';
import { canRecord, useDictation } from '../composer/use-dictation.js';
import { useMentions } from '../composer/use-mentions.js';
import { useStrings } from '../strings/use-strings.js';
import { AtIcon, AttachIcon, SendIcon, StopIcon } from './icons.js';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Escape stops a streaming reply.
 * While a reply streams (and the server allows it) "Stop" takes the place of "Send". Around it,
 * as the options turn them on: attachments (picker, paste, drop on the chat), @-mentions,
 * composer tools, a model picker and dictation.
 */
export function Composer() {
  const { controller, ui } = useRuntime();
  const settings = useSettings();
  const strings = useStrings();
  const draft = useChatState((state) => state.draft);
  const streaming = useChatState((state) => state.status === 'streaming');
  const allowCancel = useChatState((state) => state.allowCancel);
  const threadStatus = useChatState((state) => state.thread?.metadata.status);
  const files = useAttachments(controller, settings.attachments);
  const fileInput = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const menuId = useId();
  const { tools, models } = settings;
  const [toolId, setToolId] = useState<string | null>(null);
  const [modelId, setModelId] = useState<string | undefined>(() => defaultModel(models));
  const [dictationSupported] = useState(canRecord);

  const textarea = useCallback(
    (element: HTMLTextAreaElement | null) => {
      textareaRef.current = element;
      ui.composer = element;
    },
    [ui],
  );

  // Where the caret goes once a draft set here (a picked mention) is in the box. Placed in the
  // same commit, before the browser handles another key: placed a frame later, it would move
  // the caret back over what a quick typist had already typed, and their next keys land in the
  // middle of the word.
  const pendingCaret = useRef<{ text: string; caret: number } | null>(null);
  const setDraftAt = useCallback(
    (text: string, caret: number) => {
      pendingCaret.current = { text, caret };
      controller.setDraft(text);
    },
    [controller],
  );
  useLayoutEffect(() => {
    const pending = pendingCaret.current;
    const element = textareaRef.current;
    if (!pending || !element || element.value !== pending.text) return;
    pendingCaret.current = null;
    element.focus();
    element.setSelectionRange(pending.caret, pending.caret);
  }, [draft]);
  const mentions = useMentions(ui, settings.mentions.enabled, setDraftAt);

  const toolRef = useRef(toolId);
  const chooseTool = useCallback(
    (next: string | null) => {
      if (toolRef.current === next) return;
      toolRef.current = next;
      setToolId(next);
      ui.latestOptions().onToolChange?.({ toolId: next });
    },
    [ui],
  );

  // A model list that no longer has the chosen model falls back to its default.
  useEffect(() => {
    if (!models.some((model) => model.id === modelId && !model.disabled)) setModelId(defaultModel(models));
  }, [models, modelId]);
  useEffect(() => {
    if (toolId !== null && !tools.some((tool) => tool.id === toolId)) chooseTool(null);
  }, [tools, toolId, chooseTool]);

  const { add } = files;
  useEffect(
    () =>
      ui.onComposerValue((value) => {
        if (value.files?.length && settings.attachments.enabled) add(value.files);
        if (value.selectedToolId !== undefined) chooseTool(value.selectedToolId);
        if (value.selectedModelId !== undefined) setModelId(value.selectedModelId);
      }),
    [ui, add, chooseTool, settings.attachments.enabled],
  );

  const dictation = useDictation(controller, (text) => {
    const current = controller.getState().draft;
    const joined = current === '' || /\s$/.test(current) ? current + text : `${current} ${text}`;
    setDraftAt(joined, joined.length);
  });

  const blocked = threadStatus && threadStatus.type !== 'active' ? threadStatus : undefined;
  const canSend = !streaming && !blocked && !files.uploading && (draft.trim() !== '' || files.ready);
  const tool = tools.find((candidate) => candidate.id === toolId);

  const send = () => {
    if (!canSend) return;
    const ids = files.take();
    void controller.sendMessage({
      content: toContent(draft, mentions.tags),
      ...(ids.length ? { attachments: ids } : {}),
      ...(toolId !== null ? { toolChoice: toolId } : {}),
      ...(modelId !== undefined ? { model: modelId } : {}),
    });
    mentions.clear();
    if (tool && !tool.persistent) chooseTool(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
    ui.focusComposer();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (mentions.onKeyDown(event, draft)) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  const stop = () => {
    controller.stop();
    ui.focusComposer();
  };

  const startMention = () => {
    const element = textareaRef.current;
    const caret = element?.selectionStart ?? draft.length;
    const before = draft.slice(0, caret);
    const insert = before === '' || /\s$/.test(before) ? '@' : ' @';
    const text = before + insert + draft.slice(caret);
    setDraftAt(text, caret + insert.length);
    mentions.update(text, caret + insert.length);
  };

  const spans = tagSpans(draft, mentions.tags);
  const stacked = tools.length > 0 || models.length > 0;
  const disabled = Boolean(blocked);
  const showDictation = settings.dictation && dictationSupported && !dictation.unavailable;

  const attachButton = settings.attachments.enabled ? (
    <>
      <button
        type="button"
        className="cw-icon-button"
        aria-label={strings.attachFiles}
        title={strings.attachFiles}
        disabled={disabled}
        onClick={() => fileInput.current?.click()}
      >
        <AttachIcon />
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple={settings.attachments.maxCount > 1}
        hidden
        tabIndex={-1}
        accept={acceptAttribute(settings.attachments.accept)}
        onChange={(event) => {
          files.add([...(event.currentTarget.files ?? [])]);
          event.currentTarget.value = '';
        }}
      />
    </>
  ) : null;
  const mentionButton =
    settings.mentions.enabled && settings.mentions.showComposerMenu ? (
      <button
        type="button"
        className="cw-icon-button"
        aria-label={strings.mention}
        title={strings.mention}
        disabled={disabled}
        onClick={startMention}
      >
        <AtIcon />
      </button>
    ) : null;
  const dictationButton = showDictation ? (
    <DictationButton state={dictation.state} disabled={disabled} onStart={dictation.start} onStop={dictation.stop} />
  ) : null;
  const sendButton =
    streaming && allowCancel ? (
      <button type="button" className="cw-send cw-stop" aria-label={strings.stop} title={strings.stop} onClick={stop}>
        <StopIcon />
      </button>
    ) : (
      <button type="submit" className="cw-send" aria-label={strings.send} title={strings.send} disabled={!canSend}>
        <SendIcon />
      </button>
    );

  return (
    <form
      className="cw-composer"
      onSubmit={onSubmit}
      data-disabled={blocked ? true : undefined}
      data-layout={stacked ? 'stacked' : 'inline'}
    >
      {blocked ? (
        <p className="cw-composer-banner" id={hintId}>
          {blocked.reason ?? (blocked.type === 'closed' ? strings.threadClosed : strings.threadLocked)}
        </p>
      ) : null}
      {mentions.menu ? <MentionMenu id={menuId} menu={mentions.menu} onPick={(entity) => mentions.pick(entity, draft)} /> : null}
      <RejectedFiles rejected={files.rejected} onDismiss={files.dismissRejected} />
      <DictationNote problem={dictation.problem} onDismiss={dictation.dismissProblem} />
      <AttachmentTray attachments={files.attachments} onRemove={files.remove} />
      <div className="cw-composer-row">
        {stacked ? null : attachButton}
        {stacked ? null : mentionButton}
        <div className="cw-input">
          {spans.length > 0 ? <MentionMirror ref={mirror} text={draft} spans={spans} /> : null}
          <textarea
            ref={textarea}
            className="cw-textarea"
            aria-label={strings.message}
            aria-describedby={blocked ? hintId : undefined}
            aria-autocomplete={settings.mentions.enabled ? 'list' : undefined}
            aria-controls={mentions.menu ? menuId : undefined}
            aria-activedescendant={
              mentions.menu && mentions.menu.results.length > 0 ? optionId(menuId, mentions.menu.active) : undefined
            }
            placeholder={tool?.placeholderOverride ?? settings.placeholder ?? strings.message}
            rows={1}
            value={draft}
            disabled={disabled}
            onChange={(event) => {
              const element = event.currentTarget;
              controller.setDraft(element.value);
              mentions.update(element.value, element.selectionStart);
            }}
            onSelect={(event) => mentions.update(event.currentTarget.value, event.currentTarget.selectionStart)}
            onBlur={mentions.close}
            onKeyDown={onKeyDown}
            onScroll={(event) => {
              if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
            }}
            onPaste={(event) => {
              const pasted = [...event.clipboardData.files];
              if (pasted.length === 0 || !settings.attachments.enabled) return;
              // A screenshot pasted as a file also arrives as its name in text: keep only the file.
              if (!event.clipboardData.types.includes('text/plain')) event.preventDefault();
              files.add(pasted);
            }}
          />
        </div>
        {stacked ? null : dictationButton}
        {stacked ? null : sendButton}
      </div>
      {stacked ? (
        <div className="cw-composer-bar">
          {attachButton}
          {mentionButton}
          <ToolPicker tools={tools} selected={toolId} onSelect={chooseTool} disabled={disabled} />
          <span className="cw-composer-spacer" />
          {models.length > 0 ? (
            <ModelPicker models={models} selected={modelId} onSelect={setModelId} disabled={disabled} />
          ) : null}
          {dictationButton}
          {sendButton}
        </div>
      ) : null}
    </form>
  );
}
