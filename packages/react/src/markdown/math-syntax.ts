import type { TokenizerExtension } from 'marked';

/** A formula token: `inlineMath` or `blockMath`, with its TeX. */
export interface MathToken {
  type: 'inlineMath' | 'blockMath';
  raw: string;
  text: string;
  display: boolean;
}

const BLOCK = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/;
/**
 * `$…$` needs a non-space just inside each dollar and no digit right after the closing one, so
 * prices (`$5 and $10`, `$5-$10`) stay text; `$$…$$` and `\[…\]` inside a paragraph are display math there.
 */
const INLINE = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)|\\\(([\s\S]+?)\\\))/;

/**
 * Math in markdown as lexer extensions: formulas become tokens of their own before the built-in
 * rules see them (so `\(` is not taken for an escaped parenthesis and `_` inside is not emphasis).
 */
export const MATH_EXTENSIONS: TokenizerExtension[] = [
  {
    name: 'blockMath',
    level: 'block',
    start: (src) => src.match(/^ {0,3}(?:\$\$|\\\[)/m)?.index,
    tokenizer(src) {
      const match = BLOCK.exec(src);
      if (!match) return undefined;
      const tex = (match[1] ?? match[2] ?? '').trim();
      return tex ? { type: 'blockMath', raw: match[0], text: tex, display: true } : undefined;
    },
  },
  {
    name: 'inlineMath',
    level: 'inline',
    // A `$` right after a backslash is an escaped dollar, left to the built-in escape rule.
    start: (src) => src.match(/(?<!\\)\$|\\[([]/)?.index,
    tokenizer(src) {
      const match = INLINE.exec(src);
      if (!match) return undefined;
      const display = match[1] !== undefined || match[2] !== undefined;
      const tex = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim();
      return tex ? { type: 'inlineMath', raw: match[0], text: tex, display } : undefined;
    },
  },
];
