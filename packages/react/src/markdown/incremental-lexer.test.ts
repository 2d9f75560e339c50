import { getDefaults, Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { IncrementalLexer } from './incremental-lexer.js';

const DOCUMENT = [
  '# Plans\r\n',
  'The **Team** plan costs $15 per user.\nSecond line of the paragraph\n',
  'Setext heading\n---\n\n',
  '- one\n- two\n\n- three (the list turns loose)\n\n',
  '1. first\n2. second\n   continued\n\n',
  '> quoted\n> more\n\nAfter the quote.\n\n',
  '| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 | 4 |\n\n',
  '```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n',
  '    indented code\n\n',
  '<div>\nraw html\n</div>\n\n',
  'Text with a footnote \ue0001\ue001 and a https://example.com link.\n\n',
  '***\n\n- [ ] task\n- [x] done\n',
].join('');

const full = (text: string) =>
  JSON.parse(JSON.stringify(Lexer.lex(text.replace(/\r\n?/g, '\n'), { ...getDefaults(), gfm: true })));
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('lexing a message as it streams in', () => {
  it.each([1, 3, 7, 16])('gives exactly the tokens of lexing the whole text, at every step (deltas of %i characters)', (size) => {
    const lexer = new IncrementalLexer();
    for (let end = size; end < DOCUMENT.length + size; end += size) {
      const text = DOCUMENT.slice(0, end);
      expect(plain(lexer.lex(text).tokens), `after ${JSON.stringify(text.slice(-20))}`).toEqual(full(text));
    }
  });

  it('keeps the finished blocks as they were: only the last one is lexed again', () => {
    const lexer = new IncrementalLexer();
    const first = lexer.lex('Intro paragraph.\n\n- a\n- b\n\nThe last');
    const second = lexer.lex('Intro paragraph.\n\n- a\n- b\n\nThe last one grows');
    expect(second.tokens[0]).toBe(first.tokens[0]);
    expect(second.tokens[2]).toBe(first.tokens[2]);
    expect(second.tokens.at(-1)).not.toBe(first.tokens.at(-1));
  });

  it('reference-style links resolve through definitions anywhere in the text', () => {
    const lexer = new IncrementalLexer();
    lexer.lex('See [the docs][d].\n\nMore text');
    const result = lexer.lex('See [the docs][d].\n\nMore text\n\n[d]: https://example.com/docs');
    expect(plain(result.tokens)).toEqual(full('See [the docs][d].\n\nMore text\n\n[d]: https://example.com/docs'));
    expect(result.definitions).toContain('https://example.com/docs');
  });

  it('text that is not an extension of the last (a new message, an edit) is lexed afresh', () => {
    const lexer = new IncrementalLexer();
    lexer.lex('First message, long enough.\n\nSecond block');
    expect(plain(lexer.lex('Different').tokens)).toEqual(full('Different'));
  });
});
