import type { ThreadItem } from '@chatwire/protocol';
import { useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import { useChatState, useRuntime, useSettings } from '../context.js';
import { useStrings } from '../strings/use-strings.js';
import { ImageDomainsContext } from './assistant-message.js';
import { ItemRow } from './item-row.js';
import type { ReplyActionsConfig } from './reply-actions.js';

const NO_ITEMS: readonly ThreadItem[] = [];
/** Within this many pixels of the end counts as "at the end": new content keeps it in view. */
const STICK_PX = 48;
/**
 * A thread opens showing at most this many of its newest items; older ones render a page at a
 * time as the reader scrolls up to them, so a long thread opens as fast as a short one.
 */
export const FIRST_PAGE_ITEMS = 60;
/** Within this many pixels of the top, the next older page renders. */
const REVEAL_PX = 600;

function lastReplyId(items: readonly ThreadItem[]): string | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.type === 'assistant_message') return items[i]!.id;
  return undefined;
}

interface RenderWindow {
  threadId: string | undefined;
  /** The oldest item rendered; undefined: all of them. */
  firstId: string | undefined;
  /** Whether the first page has been chosen (once the thread's items are there). */
  chosen: boolean;
}

/** The items from `firstId` on (all of them when it is gone). */
function fromFirst(items: readonly ThreadItem[], firstId: string | undefined): readonly ThreadItem[] {
  if (firstId === undefined) return items;
  const at = items.findIndex((item) => item.id === firstId);
  return at <= 0 ? items : items.slice(at);
}

/**
 * The open thread's items, oldest first: the newest `FIRST_PAGE_ITEMS` when it opens, older
 * pages as the reader scrolls up (every rendered item keeps its `data-item-*` handles). A delta changes one item object, so this list renders
 * again but every memoised row except the streaming one skips. Stays scrolled to the end while
 * the reader is there; keeps the reader's place when older items are prepended.
 */
export function Messages() {
  const { controller } = useRuntime();
  const settings = useSettings();
  const strings = useStrings();
  const items = useChatState((state) => state.thread?.items ?? NO_ITEMS);
  const threadId = useChatState((state) => state.thread?.metadata.id);
  const streamingId = useChatState((state) => state.streamingItemId);
  const feedback = useChatState((state) => state.feedback);
  const hasMoreBefore = useChatState((state) => state.thread?.hasMoreBefore ?? false);
  const loadingOlder = useChatState((state) => state.thread?.loadingOlder ?? false);
  const loadingThread = useChatState((state) => state.loadingThread);
  const imageDomains = useChatState((state) => state.thread?.metadata.allowed_image_domains);
  const { feedback: feedbackOn, retry: retryOn } = settings.threadItemActions;
  const actions = useMemo<ReplyActionsConfig>(() => ({ feedback: feedbackOn, retry: retryOn }), [feedbackOn, retryOn]);
  const lastReply = lastReplyId(items);

  // Which items render: chosen once per opened thread, widened a page at a time from the top.
  const shown = useRef<RenderWindow>({ threadId: undefined, firstId: undefined, chosen: false });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  if (shown.current.threadId !== threadId) shown.current = { threadId, firstId: undefined, chosen: false };
  if (!shown.current.chosen && items.length > 0) {
    shown.current.chosen = true;
    shown.current.firstId = items.length > FIRST_PAGE_ITEMS ? items[items.length - FIRST_PAGE_ITEMS]!.id : undefined;
  }
  const firstShownId = shown.current.firstId;
  const rendered = useMemo(() => fromFirst(items, firstShownId), [items, firstShownId]);
  const hiddenBefore = items.length - rendered.length;
  const revealOlder = () => {
    if (hiddenBefore === 0) return;
    const next = hiddenBefore - FIRST_PAGE_ITEMS;
    shown.current.firstId = next > 0 ? items[next]!.id : undefined;
    rerender();
  };

  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const frame = useRef(0);
  const previous = useRef<{ threadId: string | undefined; firstId: string | undefined; height: number }>({
    threadId: undefined,
    firstId: undefined,
    height: 0,
  });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = previous.current;
    const firstId = rendered[0]?.id;
    const opened = before.threadId !== threadId;
    previous.current = { threadId, firstId, height: before.height };
    if (opened) {
      atEnd.current = true;
      element.scrollTop = element.scrollHeight;
      previous.current.height = element.scrollHeight;
    } else if (!atEnd.current && before.firstId !== firstId && before.firstId !== undefined) {
      // Older items arrived above: keep what the reader was looking at in place.
      element.scrollTop += element.scrollHeight - before.height;
      previous.current.height = element.scrollHeight;
    } else if (atEnd.current && frame.current === 0) {
      // Follow a streaming reply at most once a frame: reading the layout on every delta
      // would force a synchronous layout of the whole thread each time.
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        element.scrollTop = element.scrollHeight;
        previous.current.height = element.scrollHeight;
      });
    }
  }, [rendered, threadId]);

  useLayoutEffect(() => () => cancelAnimationFrame(frame.current), []);

  return (
    <div
      ref={scroller}
      className="cw-messages"
      role="region"
      aria-label={strings.conversation}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        previous.current.height = element.scrollHeight;
        atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight <= STICK_PX;
        if (element.scrollTop <= REVEAL_PX) revealOlder();
      }}
    >
      {loadingThread ? (
        <p className="cw-loading" role="status">
          {strings.loadingThread}
        </p>
      ) : null}
      {hasMoreBefore && hiddenBefore === 0 ? (
        <button type="button" className="cw-older" disabled={loadingOlder} onClick={() => void controller.loadOlderItems()}>
          {loadingOlder ? strings.loadingOlder : strings.showOlder}
        </button>
      ) : null}
      <ImageDomainsContext.Provider value={imageDomains}>
        <div className="cw-items">
          {rendered.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              streaming={item.id === streamingId}
              feedback={feedback[item.id]}
              actions={actions}
              isLastReply={item.id === lastReply}
            />
          ))}
        </div>
      </ImageDomainsContext.Provider>
    </div>
  );
}
