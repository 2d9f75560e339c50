import type { UserMessageItem, UserMessageTagContent } from '@chatwire/protocol';
import { MessageAttachments } from '../composer/message-attachments.js';
import { useRuntime } from '../context.js';
import { useStrings } from '../strings/use-strings.js';

export function UserMessage({ item }: { item: UserMessageItem }) {
  const strings = useStrings();
  return (
    <article className="cw-item cw-user" data-item-type="user_message" data-item-id={item.id} aria-label={strings.yourMessage}>
      {item.quoted_text ? <blockquote className="cw-quote">{item.quoted_text}</blockquote> : null}
      <MessageAttachments attachments={item.attachments} />
      <div className="cw-user-text">
        {item.content.map((part, i) =>
          part.type === 'input_text' ? <span key={i}>{part.text}</span> : <Tag key={i} tag={part} />,
        )}
      </div>
    </article>
  );
}

/** An @-mention; an interactive one is a button that hands its entity to `entities.onClick`. */
function Tag({ tag }: { tag: UserMessageTagContent }) {
  const { ui } = useRuntime();
  if (!tag.interactive) return <span className="cw-tag">@{tag.text}</span>;
  const data = Object.fromEntries(
    Object.entries(tag.data).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
  return (
    <button
      type="button"
      className="cw-tag"
      onClick={() =>
        ui.latestOptions().entities?.onClick?.({
          id: tag.id,
          title: tag.text,
          interactive: true,
          data,
          ...(tag.group !== undefined ? { group: tag.group } : {}),
        })
      }
    >
      @{tag.text}
    </button>
  );
}
