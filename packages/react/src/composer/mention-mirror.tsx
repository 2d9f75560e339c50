import { forwardRef, type ReactNode } from 'react';

/**
 * A copy of the message box's text behind it, with the picked tags marked, so a tag reads as a
 * tag while the box itself stays a plain textarea (native editing, spelling, input methods).
 * Same font, padding and wrapping as the box; its scroll follows the box's.
 */
export const MentionMirror = forwardRef<HTMLDivElement, { text: string; spans: readonly { start: number; end: number }[] }>(
  function MentionMirror({ text, spans }, ref) {
    const nodes: ReactNode[] = [];
    let at = 0;
    for (const span of spans) {
      if (span.start > at) nodes.push(text.slice(at, span.start));
      nodes.push(
        <mark key={span.start} className="cw-tag-mark">
          {text.slice(span.start, span.end)}
        </mark>,
      );
      at = span.end;
    }
    // A trailing newline needs something after it to take up its line.
    nodes.push(`${text.slice(at)}\u200b`);
    return (
      <div ref={ref} className="cw-mirror" aria-hidden="true">
        {nodes}
      </div>
    );
  },
);
