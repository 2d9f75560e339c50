/**
 * Where the lazily loaded halves of the markdown come from: chunks the bundler splits off. The
 * standalone `<chatwire-chat>` build swaps this module for one that loads them from beside its
 * script (`element/standalone-chunks.ts`).
 */
export const loadHighlighter = () => import('./highlighter.js');
export const loadMathRenderer = () => import('./math-render.js');
