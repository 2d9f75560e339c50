import type * as Highlighter from '../markdown/highlighter.js';
import type * as MathRender from '../markdown/math-render.js';

/**
 * `markdown/chunks.ts` in the standalone build: the lazily loaded halves come from next to the
 * script the page loaded (`/chatwire.js` → `/chatwire-highlighter.js`, `/chatwire-math.js`), as
 * ES modules, whatever the page's own URL.
 */
const SCRIPT = (document.currentScript as HTMLScriptElement | null)?.src ?? new URL('/chatwire.js', location.href).href;
const beside = (file: string) => new URL(file, SCRIPT).href;

export const loadHighlighter = (): Promise<typeof Highlighter> => import(/* @vite-ignore */ beside('chatwire-highlighter.js'));
export const loadMathRenderer = (): Promise<typeof MathRender> => import(/* @vite-ignore */ beside('chatwire-math.js'));
