import { memo, useMemo, type ReactNode } from 'react';
import { useCopy } from '../parts/clipboard.js';
import { useStrings } from '../strings/use-strings.js';
import { highlighter, scopeClass, type CodeChild } from './highlight.js';
import { useLazyModule } from './lazy-module.js';

function renderCode(children: CodeChild[]): ReactNode[] {
  return children.map((child, i) =>
    typeof child === 'string' ? (
      child
    ) : (
      <span key={i} className={child.scope ? scopeClass(child.scope) : undefined}>
        {renderCode(child.children)}
      </span>
    ),
  );
}

/**
 * A fenced code block: highlighted when its language is known (once the highlighter has loaded;
 * plain until then), with a "Copy code" button.
 */
export const CodeBlock = memo(function CodeBlock({ code, language }: { code: string; language: string | undefined }) {
  const lang = language?.trim().split(/\s+/)[0]?.toLowerCase() || undefined;
  const hl = useLazyModule(highlighter, lang !== undefined);
  const tree = useMemo(() => (hl && lang ? hl.highlightTree(code, lang) : undefined), [hl, code, lang]);
  const { copied, copy } = useCopy();
  const strings = useStrings();
  return (
    <div className="cw-code">
      <div className="cw-code-bar">
        <span className="cw-code-lang">{lang ?? strings.plainText}</span>
        <button
          type="button"
          className="cw-code-copy"
          aria-label={strings.copyCode}
          data-copied={copied || undefined}
          onClick={() => copy(code)}
        >
          {copied ? strings.copied : strings.copyCode}
        </button>
      </div>
      {/* Focusable, so a keyboard can scroll a long line into view. */}
      <pre tabIndex={0}>
        <code className={tree && lang ? `hljs language-${lang}` : undefined}>{tree ? renderCode(tree.children) : code}</code>
      </pre>
    </div>
  );
});
