import temml from 'temml';

/**
 * The lazily loaded half of math: Temml, which turns TeX into MathML that the browser lays out
 * itself (no fonts or stylesheet to ship). Nothing is trusted: `\href`, `\htmlClass` and the
 * like are refused, and the tree is built with DOM calls, never as HTML text.
 */
export function renderMath(element: HTMLElement, tex: string, display: boolean): boolean {
  try {
    temml.render(tex, element, { displayMode: display, throwOnError: true, trust: false, annotate: true });
    return true;
  } catch {
    element.textContent = '';
    return false;
  }
}
