import { memo, useLayoutEffect, useRef, useState } from 'react';
import { loadMathRenderer } from './chunks.js';
import { LazyModule, useLazyModule } from './lazy-module.js';
import type * as MathRenderModule from './math-render.js';

export type MathRenderer = typeof MathRenderModule;

/** Temml in a chunk of its own (about 50 kB gzipped), fetched when the first formula shows. */
export const mathRenderer = new LazyModule<MathRenderer>(loadMathRenderer);

/**
 * A formula (`$…$`, `\(…\)` inline; `$$…$$`, `\[…\]` as a block). Until the renderer has loaded,
 * and when the TeX does not parse, the source is shown as code, so nothing is ever lost.
 * Rendered with `key={tex}` by the markdown, so a new formula starts afresh.
 */
export const MathView = memo(function MathView({ tex, display }: { tex: string; display: boolean }) {
  const renderer = useLazyModule(mathRenderer);
  const element = useRef<HTMLSpanElement>(null);
  const [failed, setFailed] = useState(false);
  useLayoutEffect(() => {
    if (renderer && element.current && !renderer.renderMath(element.current, tex, display)) setFailed(true);
  }, [renderer, tex, display]);
  if (!renderer || failed) {
    return (
      <code className={display ? 'cw-math-source cw-math-block' : 'cw-math-source'}>{display ? `$$${tex}$$` : `$${tex}$`}</code>
    );
  }
  return <span ref={element} className={display ? 'cw-math cw-math-block' : 'cw-math'} />;
});
