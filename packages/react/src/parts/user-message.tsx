import type { UserMessageItem } from '@chatwire/protocol';

export function UserMessage({ item }: { item: UserMessageItem }) {
  return (
    <article className="cw-item cw-user" data-item-type="user_message" data-item-id={item.id} aria-label="Your message">
      {item.quoted_text ? <blockquote className="cw-quote">{item.quoted_text}</blockquote> : null}
      <div className="cw-user-text">
        {item.content.map((part, i) =>
          part.type === 'input_text' ? (
            <span key={i}>{part.text}</span>
          ) : (
            <span key={i} className="cw-tag">
              @{part.text}
            </span>
          ),
        )}
      </div>
      {item.attachments.length > 0 ? (
        <ul className="cw-attachment-list" aria-label="Attachments">
          {item.attachments.map((attachment) => (
            <li key={attachment.id} className="cw-chip">
              {attachment.name}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
