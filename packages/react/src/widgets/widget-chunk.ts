/**
 * Where the widget views come from: a chunk the bundler splits off, so a chat that never shows a
 * widget never loads them. The standalone `<chatwire-chat>` build swaps this module for
 * `element/standalone-widget-chunk.ts` (its React is inside the bundle, so the views must be too).
 */
export const loadWidgetBody = () => import('./widget-view.js');
