import type { LanguageFn } from 'highlight.js';
import { loadHighlighter } from './chunks.js';
import type * as HighlighterModule from './highlighter.js';
import { LazyModule } from './lazy-module.js';

export type { CodeChild, CodeNode } from './code-tree.js';
export type Highlighter = typeof HighlighterModule;

const pending: [string, LanguageFn, string[]][] = [];

/**
 * highlight.js and its grammars, in a chunk of their own (about 20 kB gzipped) fetched when the
 * first code block with a language shows; the block is plain text until then. (CSS, at 4 KB
 * gzipped, is left for pages to add with `registerCodeLanguage`.)
 */
export const highlighter = new LazyModule<Highlighter>(() =>
  loadHighlighter().then((module) => {
    for (const [name, language, aliases] of pending.splice(0)) module.registerLanguage(name, language, aliases);
    return module;
  }),
);

/**
 * Adds a highlight.js grammar for code blocks, e.g.
 * `registerCodeLanguage('css', (await import('highlight.js/lib/languages/css')).default)`.
 * Works before highlighting has loaded (it is applied when it does).
 */
export function registerCodeLanguage(name: string, language: LanguageFn, aliases: string[] = []): void {
  const loaded = highlighter.peek();
  if (loaded) loaded.registerLanguage(name, language, aliases);
  else pending.push([name, language, aliases]);
}

/** `title.function` → `hljs-title function_`, the class names highlight.js themes expect. */
export function scopeClass(scope: string): string {
  if (scope.startsWith('language:')) return `language-${scope.slice('language:'.length)}`;
  const [first, ...rest] = scope.split('.');
  return [`hljs-${first}`, ...rest.map((part, i) => `${part}${'_'.repeat(i + 1)}`)].join(' ');
}
