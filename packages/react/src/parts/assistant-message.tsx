import type { AssistantMessageItem, FeedbackKind } from '@chatwire/protocol';
import { createContext, useCallback, useContext, useMemo } from 'react';
import { citeParts } from '../markdown/citations.js';
import { Markdown } from '../markdown/markdown.js';
import { useStrings } from '../strings/use-strings.js';
import { ReplyActions, type ReplyActionsConfig } from './reply-actions.js';
import { SourcesList } from './sources-list.js';

/** The open thread's `allowed_image_domains`; images from elsewhere show as links. */
export const ImageDomainsContext = createContext<readonly string[] | undefined>(undefined);

export interface AssistantMessageProps {
  item: AssistantMessageItem;
  streaming: boolean;
  feedback: FeedbackKind | undefined;
  actions: ReplyActionsConfig;
  isLastReply: boolean;
}

export function messageText(item: AssistantMessageItem): string {
  return item.content.map((part) => part.text).join('\n\n');
}

export function AssistantMessage({ item, streaming, feedback, actions, isLastReply }: AssistantMessageProps) {
  const cited = useMemo(() => citeParts(item.content), [item.content]);
  const imageDomains = useContext(ImageDomainsContext);
  const strings = useStrings();
  const idPrefix = `cw-source-${item.id}`;
  const footnoteHref = useCallback((n: number) => `#${idPrefix}-${n}`, [idPrefix]);
  const empty = cited.parts.every((part) => part.text === '');
  return (
    <article
      className="cw-item cw-assistant"
      data-item-type="assistant_message"
      data-item-id={item.id}
      aria-busy={streaming}
      aria-label={strings.reply}
    >
      {cited.parts.map((part, i) => (
        <Markdown key={i} text={part.text} footnoteHref={footnoteHref} imageDomains={imageDomains} />
      ))}
      {streaming && empty ? <span className="cw-typing" aria-hidden="true" /> : null}
      {cited.sources.length > 0 ? <SourcesList sources={cited.sources} idPrefix={idPrefix} /> : null}
      {streaming ? null : (
        <ReplyActions itemId={item.id} text={messageText(item)} feedback={feedback} config={actions} isLastReply={isLastReply} />
      )}
    </article>
  );
}
