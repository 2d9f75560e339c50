import { Lexer, Marked, type Token } from 'marked';
import { MATH_EXTENSIONS } from './math-syntax.js';

/**
 * Our own lexer options (GFM: tables, task lists, strikethrough, autolinks; math), so a page that
 * configured the global `marked` with extensions cannot change how replies render.
 */
const LEX_OPTIONS = {
  ...new Marked({ extensions: MATH_EXTENSIONS }).defaults,
  gfm: true,
  breaks: false,
  pedantic: false,
  silent: true,
};

export interface LexedMarkdown {
  /** Top-level block tokens. Blocks that did not change keep their identity from the last call. */
  tokens: readonly Token[];
  /** Reference-style link definitions, as JSON (empty when there are none). */
  definitions: string;
}

const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;
const EMPTY: LexedMarkdown = { tokens: [], definitions: '' };

function fullLex(text: string): LexedMarkdown {
  const tokens = Lexer.lex(text, LEX_OPTIONS);
  const links = Object.keys(tokens.links).length ? JSON.stringify(tokens.links) : '';
  return { tokens, definitions: links };
}

/**
 * Lexes a streaming message without starting over on every delta. Text only ever grows at the
 * end, and appending can change only the last block (a paragraph turning into a heading, a list
 * growing, a code fence filling up); so when the new text extends the old one, every block
 * before the last is kept and only the rest is lexed again. That makes a delta cost the size of
 * the last block, not of the whole message. Reference-style link definitions can reach back to
 * earlier blocks, so a text with any falls back to lexing it all.
 */
export class IncrementalLexer {
  private text = '';
  private result: LexedMarkdown = EMPTY;

  lex(input: string): LexedMarkdown {
    const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
    if (text === this.text) return this.result;
    const previous = this.text;
    this.text = text;
    this.result = text.startsWith(previous) && previous !== '' ? this.extend(text) : fullLex(text);
    return this.result;
  }

  private extend(text: string): LexedMarkdown {
    const { tokens, definitions } = this.result;
    if (definitions) return fullLex(text);
    let keep = tokens.length;
    while (keep > 0 && tokens[keep - 1]!.type === 'space') keep--;
    keep = Math.max(0, keep - 1);
    let offset = 0;
    for (let i = 0; i < keep; i++) offset += tokens[i]!.raw.length;
    // The kept blocks must be exactly the start of the text (the lexer sometimes adjusts `raw`).
    let joined = '';
    for (let i = 0; i < keep; i++) joined += tokens[i]!.raw;
    const tail = text.slice(offset);
    if (joined !== text.slice(0, offset) || DEFINITION.test(tail)) return fullLex(text);
    const rest = Lexer.lex(tail, LEX_OPTIONS);
    if (Object.keys(rest.links).length) return fullLex(text);
    return { tokens: [...tokens.slice(0, keep), ...rest], definitions: '' };
  }
}
