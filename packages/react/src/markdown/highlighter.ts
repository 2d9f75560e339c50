import type { Emitter, HLJSApi, LanguageFn } from 'highlight.js';
import core from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { CodeNode } from './code-tree.js';

/**
 * The lazily loaded half of code highlighting: highlight.js itself, with a handful of common
 * languages. Loaded the first time a code block with a language appears (see `highlight.ts`).
 */

/**
 * Collects highlight.js's output as a tree instead of an HTML string, so code is rendered as
 * React elements and text like any other text. (`__emitter` is highlight.js's documented hook for
 * this; it calls both the current `startScope` and the older `openNode` names.)
 */
class TreeEmitter implements Emitter {
  readonly root: CodeNode = { children: [] };
  private readonly stack: CodeNode[] = [this.root];

  private get top(): CodeNode {
    return this.stack[this.stack.length - 1]!;
  }

  addText(text: string): void {
    if (text !== '') this.top.children.push(text);
  }

  startScope(scope: string): void {
    const node: CodeNode = { scope, children: [] };
    this.top.children.push(node);
    this.stack.push(node);
  }

  endScope(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  openNode(scope: string): void {
    this.startScope(scope);
  }

  closeNode(): void {
    this.endScope();
  }

  __addSublanguage(emitter: Emitter, language: string): void {
    if (!(emitter instanceof TreeEmitter)) return;
    this.top.children.push({ scope: `language:${language}`, children: emitter.root.children });
  }

  finalize(): void {
    this.stack.length = 1;
  }

  toHTML(): string {
    return '';
  }
}

/** Our own instance, so a page's global highlight.js is left alone. */
const hljs: HLJSApi = core.newInstance();
hljs.configure({ __emitter: TreeEmitter });
for (const [name, language] of Object.entries({ bash, diff, javascript, json, python, sql, typescript, xml, yaml }))
  hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell', 'zsh', 'console'], { languageName: 'bash' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });

export function registerLanguage(name: string, language: LanguageFn, aliases: readonly string[]): void {
  hljs.registerLanguage(name, language);
  if (aliases.length) hljs.registerAliases([...aliases], { languageName: name });
}

/** The highlighted tree of `code`, or `undefined` when `language` is not one we know. */
export function highlightTree(code: string, language: string): CodeNode | undefined {
  if (!hljs.getLanguage(language)) return undefined;
  try {
    const result = hljs.highlight(code, { language, ignoreIllegals: true });
    const emitter = result._emitter;
    return emitter instanceof TreeEmitter ? emitter.root : undefined;
  } catch {
    return undefined;
  }
}
