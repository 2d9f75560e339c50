import type { MarkedToken, Token } from 'marked';
import { createElement, memo, useMemo, useRef, type ReactNode } from 'react';
import { stripMarkers } from './citations.js';
import { CodeBlock } from './code-block.js';
import { IncrementalLexer } from './incremental-lexer.js';
import { MathView } from './math.js';
import type { MathToken } from './math-syntax.js';
import { useStrings } from '../strings/use-strings.js';
import { renderInline, renderText, type InlineContext } from './render-inline.js';

export interface MarkdownProps extends InlineContext {
  text: string;
  className?: string;
}

/**
 * Markdown rendered as React elements (never as HTML). While a reply streams, only its last
 * block is lexed again per delta (`IncrementalLexer`), and each top-level block is memoised on its
 * source, so only the block that grew re-renders.
 */
export const Markdown = memo(function Markdown({ text, className, footnoteHref, imageDomains }: MarkdownProps) {
  const lexer = useRef<IncrementalLexer | null>(null);
  lexer.current ??= new IncrementalLexer();
  const incremental = lexer.current;
  // Reference-style links resolve through definitions anywhere in the text: when those change, every block may.
  const { tokens, definitions } = useMemo(() => incremental.lex(text), [incremental, text]);
  const strings = useStrings();
  const context = useMemo<InlineContext>(() => ({ footnoteHref, imageDomains, strings }), [footnoteHref, imageDomains, strings]);
  return (
    <div className={className ?? 'cw-markdown'}>
      {tokens.map((token, i) => (
        <Block key={i} token={token} context={context} definitions={definitions} />
      ))}
    </div>
  );
});

interface BlockProps {
  token: Token;
  context: InlineContext;
  definitions: string;
}

const Block = memo(
  function Block({ token, context }: BlockProps) {
    return block(token as MarkedToken, context, 0);
  },
  (before, after) =>
    before.token.raw === after.token.raw && before.context === after.context && before.definitions === after.definitions,
);

function blocks(tokens: readonly Token[], context: InlineContext): ReactNode[] {
  return tokens.map((token, i) => block(token as MarkedToken, context, i));
}

function block(token: MarkedToken, context: InlineContext, key: number): ReactNode {
  if ((token as Token).type === 'blockMath') {
    const math = token as unknown as MathToken;
    return (
      <div key={key} className="cw-math-display">
        <MathView key={math.text} tex={stripMarkers(math.text)} display />
      </div>
    );
  }
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{renderInline(token.tokens, context)}</p>;
    case 'heading':
      // Replies sit inside the host page's outline: a reply's `#` is a third-level heading.
      return createElement(`h${Math.min(6, token.depth + 2)}`, { key }, renderInline(token.tokens, context));
    case 'code':
      return <CodeBlock key={key} code={stripMarkers(token.text)} language={token.lang} />;
    case 'blockquote':
      return <blockquote key={key}>{blocks(token.tokens, context)}</blockquote>;
    case 'list': {
      const items = token.items.map((item, i) => (
        <li key={i} className={item.task ? 'cw-task-item' : undefined}>
          {blocks(item.tokens, context)}
        </li>
      ));
      return token.ordered ? (
        <ol key={key} start={token.start === '' || token.start === 1 ? undefined : token.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return (
        // Focusable, so a keyboard can scroll a wide table into view.
        <div key={key} className="cw-table" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {token.header.map((cell, i) => (
                  <th key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                    {renderInline(cell.tokens, context)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {token.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                      {renderInline(cell.tokens, context)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'hr':
      return <hr key={key} />;
    case 'html':
      // Raw HTML is shown as the text it is.
      return (
        <p key={key} className="cw-raw-html">
          {stripMarkers(token.text)}
        </p>
      );
    case 'text':
      // Text directly inside a tight list item.
      return token.tokens ? (
        <span key={key}>{renderInline(token.tokens, context)}</span>
      ) : (
        <span key={key}>{renderText(token.text, context, false, String(key))}</span>
      );
    default:
      return <span key={key}>{renderInline([token], context)}</span>;
  }
}
