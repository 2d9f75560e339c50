import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, textProblem } from './storable-text.js';

describe('storable text', () => {
  it('takes every code point but U+0000, surrogate pairs included, and refuses lone surrogates', () => {
    const fine = [
      '',
      'plain',
      '\u0001\u0007\u001b\u007f\u0085',
      '\u202e\u2066bidi\u200b',
      '\ue000\udbff\udfff',
      '😀',
      '\ufffe\uffff',
    ];
    for (const text of fine) expect(isStorableText(text)).toBe(true);
    expect(textProblem('a\u0000b')).toBe('contains U+0000 (NUL), which cannot be stored');
    expect(textProblem('a\ud83d')).toBe('contains a lone surrogate (U+D83D), which is not valid Unicode text');
    expect(textProblem('\ude00b')).toBe('contains a lone surrogate (U+DE00), which is not valid Unicode text');
    expect(textProblem('\ude00\ud83d')).toMatch(/lone surrogate \(U\+DE00\)/);
  });

  it('finds the first unstorable string or key with its path, however deep', () => {
    expect(findUnstorableText({ a: ['ok', { b: 'x\u0000' }] })).toEqual({
      path: ['a', 1, 'b'],
      in: 'value',
      problem: 'contains U+0000 (NUL), which cannot be stored',
    });
    expect(findUnstorableText({ a: { 'k\ud800': 1 } })).toMatchObject({ path: ['a', 'k\ud800'], in: 'key' });
    expect(findUnstorableText({ a: [1, true, null, 'fine'] })).toBeUndefined();
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path).toHaveLength(50_000);
  });
});
