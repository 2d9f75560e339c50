import type { MarkedToken, Token, Tokens } from 'marked';
import { Fragment, type ReactNode } from 'react';
import { MARKER_OPEN, MARKER_PATTERN, stripMarkers } from './citations.js';
import { decodeEntities } from './entities.js';
import { MathView } from './math.js';
import type { MathToken } from './math-syntax.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';
import { en } from '../strings/en.js';
import type { Strings } from '../strings/strings.js';

/** What inline rendering needs besides the tokens. */
export interface InlineContext {
  /** The `href` of footnote `n` (`#…` of its entry in the sources list), or undefined for no links. */
  footnoteHref?: (n: number) => string;
  /** The thread's `allowed_image_domains`: only images from these load. */
  imageDomains?: readonly string[];
  /** The chat's words (footnote and checkbox names); English when absent. */
  strings?: Strings;
}

export const LINK_REL = 'noopener noreferrer nofollow';

/** Text with footnote markers turned into superscript references; entities decoded. */
export function renderText(text: string, context: InlineContext, inLink: boolean, keyPrefix: string): ReactNode {
  const decoded = decodeEntities(text);
  if (!decoded.includes(MARKER_OPEN)) return decoded;
  const nodes: ReactNode[] = [];
  let from = 0;
  for (const match of decoded.matchAll(MARKER_PATTERN)) {
    if (match.index > from) nodes.push(decoded.slice(from, match.index));
    const n = Number(match[1]);
    const href = context.footnoteHref?.(n);
    nodes.push(
      <sup key={`${keyPrefix}-${match.index}`} className="cw-footnote-ref">
        {href && !inLink ? (
          <a href={href} aria-label={(context.strings ?? en).source(n)}>
            {n}
          </a>
        ) : (
          n
        )}
      </sup>,
    );
    from = match.index + match[0].length;
  }
  if (from < decoded.length) nodes.push(decoded.slice(from));
  return nodes;
}

/**
 * Inline markdown tokens as React elements. Nothing is ever parsed as HTML: raw HTML shows as
 * the text it is, links keep only `http`, `https` and `mailto` addresses and open in a new tab
 * without passing the page on, and images load only from the thread's allowed domains.
 */
export function renderInline(tokens: readonly Token[] | undefined, context: InlineContext, inLink = false): ReactNode[] {
  if (!tokens) return [];
  return tokens.map((token, i) => inline(token as MarkedToken, context, inLink, i));
}

function inline(token: MarkedToken, context: InlineContext, inLink: boolean, key: number): ReactNode {
  if ((token as Token).type === 'inlineMath') {
    const math = token as unknown as MathToken;
    return <MathView key={`${key}:${math.text}`} tex={stripMarkers(math.text)} display={math.display} />;
  }
  switch (token.type) {
    case 'text':
      return (
        <Fragment key={key}>
          {token.tokens ? renderInline(token.tokens, context, inLink) : renderText(token.text, context, inLink, String(key))}
        </Fragment>
      );
    case 'escape':
      return renderText(token.text, context, inLink, String(key));
    case 'strong':
      return <strong key={key}>{renderInline(token.tokens, context, inLink)}</strong>;
    case 'em':
      return <em key={key}>{renderInline(token.tokens, context, inLink)}</em>;
    case 'del':
      return <del key={key}>{renderInline(token.tokens, context, inLink)}</del>;
    case 'codespan':
      return <code key={key}>{stripMarkers(token.text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link':
      return link(token, context, inLink, key);
    case 'image':
      return image(token, context, inLink, key);
    case 'html':
      return token.text;
    case 'checkbox':
      return (
        <input
          key={key}
          type="checkbox"
          checked={token.checked}
          disabled
          readOnly
          aria-label={token.checked ? (context.strings ?? en).checkboxDone : (context.strings ?? en).checkboxNotDone}
        />
      );
    default:
      return fallback(token, context, inLink, key);
  }
}

function link(token: Tokens.Link, context: InlineContext, inLink: boolean, key: number): ReactNode {
  const href = inLink ? undefined : safeLinkUrl(token.href);
  const children = renderInline(token.tokens, context, true);
  if (!href) return <span key={key}>{children}</span>;
  return (
    <a key={key} href={href} target="_blank" rel={LINK_REL} title={token.title ?? undefined}>
      {children}
    </a>
  );
}

function image(token: Tokens.Image, context: InlineContext, inLink: boolean, key: number): ReactNode {
  const alt = decodeEntities(token.text);
  const src = safeImageUrl(token.href, context.imageDomains);
  if (src)
    return <img key={key} src={src} alt={alt} title={token.title ?? undefined} loading="lazy" referrerPolicy="no-referrer" />;
  const href = inLink ? undefined : safeLinkUrl(token.href);
  const label = alt || (context.strings ?? en).image;
  return href ? (
    <a key={key} href={href} target="_blank" rel={LINK_REL} className="cw-image-link">
      {label}
    </a>
  ) : (
    label
  );
}

/** A token of a kind this renderer does not know: its children if it has them, else its source. */
function fallback(token: Token, context: InlineContext, inLink: boolean, key: number): ReactNode {
  if ('tokens' in token && Array.isArray(token.tokens))
    return <Fragment key={key}>{renderInline(token.tokens, context, inLink)}</Fragment>;
  return 'raw' in token && typeof token.raw === 'string' ? stripMarkers(token.raw) : null;
}
