import { describe, expect, it } from 'vitest';
import { sanitizeText, truncateUtf8, utf8Length } from './display-text.js';
import { PAGE_CONTEXT_LIMITS, PageContext, parsePageContext } from './page-context.js';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).byteLength;

describe('display text', () => {
  it('removes control characters, bidi controls and byte-order marks, and mends broken surrogate pairs', () => {
    expect(sanitizeText('a\u0000b\u0007c\u001b[31m\u007f\u0085\u202etxt\u202c\u2066i\u2069\u200e\u200f\u061c\ufeffz')).toBe(
      'abc[31mtxtiz',
    );
    expect(sanitizeText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(sanitizeText('👩‍💻 ok')).toBe('👩‍💻 ok');
  });

  it('folds whitespace: one line becomes single spaces; many lines keep their breaks, at most one blank line', () => {
    expect(sanitizeText('  Spaced \t out\r\n heading\u00a0\u2028end ')).toBe('Spaced out heading end');
    expect(sanitizeText('line one \r\n\tline two\r\r\r\r  para\t\ttwo \n', { multiline: true })).toBe(
      'line one\nline two\n\npara two',
    );
  });

  it('cuts at a UTF-8 byte cap without splitting a character, then trims', () => {
    expect(sanitizeText('€'.repeat(10), { maxBytes: 10 })).toBe('€€€');
    expect(sanitizeText('😀😀😀', { maxBytes: 7 })).toBe('😀');
    expect(sanitizeText('ab cd', { maxBytes: 3 })).toBe('ab');
    expect(truncateUtf8('日本語テキスト', 8)).toBe('日本');
    expect(utf8Length('日本😀')).toBe(10);
  });

  it('changes nothing in its own output', () => {
    for (const [value, multiline] of [
      [' a \n\n\n b\t\u0000c  \r\n', true],
      ['x\u202e  y\n z', false],
      ['€'.repeat(400) + ' \n', true],
    ] as const) {
      const once = sanitizeText(value, { multiline, maxBytes: 700 });
      expect(sanitizeText(once, { multiline, maxBytes: 700 })).toBe(once);
    }
  });
});

describe('page context', () => {
  it('keeps a well-formed context as sent', () => {
    const page = {
      url: 'https://shop.example.test/orders/42?tab=items',
      title: 'Order 42',
      path: '/orders/42',
      description: 'Your order\nshipped yesterday.',
      headings: ['Order 42', 'Items'],
      selection: 'Tracking number\n1Z999',
    };
    expect(parsePageContext(page)).toEqual(page);
    expect(PageContext.parse(page)).toEqual(page);
  });

  it('caps each field in UTF-8 bytes without splitting a character', () => {
    const page = parsePageContext({ title: '€'.repeat(2000), selection: '😀'.repeat(3000), headings: ['字'.repeat(1000)] });
    expect(bytes(page?.title)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.title);
    expect(page?.title).toBe('€'.repeat(Math.floor(PAGE_CONTEXT_LIMITS.title / 3)));
    expect(page?.selection).toBe('😀'.repeat(PAGE_CONTEXT_LIMITS.selection / 4));
    expect(page?.headings).toEqual(['字'.repeat(Math.floor(PAGE_CONTEXT_LIMITS.heading / 3))]);
  });

  it('counts bytes, not characters: the same number of CJK characters as ASCII ones is cut three times shorter', () => {
    const ascii = parsePageContext({ title: 'a'.repeat(1000) });
    const cjk = parsePageContext({ title: '漢'.repeat(1000) });
    expect(ascii?.title).toHaveLength(1000);
    expect(cjk?.title).toHaveLength(341);
    expect(bytes(cjk?.title)).toBe(1023);
  });

  it('strips control characters and bidi overrides, folding whitespace; only description and selection keep line breaks', () => {
    const page = parsePageContext({
      title: 'Invoice\u0000\u0007 \u202edue\u202c\n\tdate',
      description: 'line one\r\nline\u001b[31m two\ttabbed\u0085',
      selection: '\u0008keep\nthis',
      headings: ['A\u0000B', '\u0001', ' Multi\nline '],
    });
    expect(page).toEqual({
      title: 'Invoice due date',
      description: 'line one\nline[31m two tabbed',
      selection: 'keep\nthis',
      headings: ['AB', 'Multi line'],
    });
  });

  it('replaces broken surrogate pairs instead of passing invalid Unicode on', () => {
    expect(parsePageContext({ title: 'a\ud800b' })?.title).toBe('a\ufffdb');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>1</script>'],
    ['ftp:', 'ftp://files.example.test/x'],
    ['not a URL', 'orders page'],
    ['longer than the cap', `https://example.test/${'a'.repeat(PAGE_CONTEXT_LIMITS.url)}`],
  ])('drops a %s url and keeps the rest', (_name, url) => {
    expect(parsePageContext({ url, title: 'Orders' })).toEqual({ title: 'Orders' });
  });

  it('removes credentials, the fragment and credential-looking query parameters from the url', () => {
    const url = 'https://bob:hunter2@example.com/a?id=7&token=t0k&api_key=k3y&X-Amz-Signature=s1g&Session_ID=x#access_token=frag';
    expect(parsePageContext({ url })?.url).toBe('https://example.com/a?id=7');
    expect(parsePageContext({ url: 'https://example.com/a?q=a%20b&page=2' })?.url).toBe('https://example.com/a?q=a%20b&page=2');
  });

  it('keeps a path without its query or fragment', () => {
    expect(parsePageContext({ path: '/a/b?session=xyz#top' })?.path).toBe('/a/b');
    expect(parsePageContext({ path: '?token=abc' })).toBeUndefined();
  });

  it('drops fields of the wrong type, never failing', () => {
    expect(
      parsePageContext({
        title: 42,
        path: ['x'],
        headings: 'not a list',
        selection: { a: 1 },
        description: 'ok',
        extra: 'ignored',
      }),
    ).toEqual({
      description: 'ok',
    });
  });

  it('is absent when nothing usable was sent', () => {
    expect(parsePageContext(undefined)).toBeUndefined();
    expect(parsePageContext('https://example.test')).toBeUndefined();
    expect(parsePageContext(['x'])).toBeUndefined();
    expect(parsePageContext({ title: '   ', url: 'nope' })).toBeUndefined();
  });

  it('keeps at most 20 headings, skipping ones that are not text', () => {
    const headings = [1, null, '', ...Array.from({ length: 30 }, (_, i) => `Heading ${i}`)];
    const page = parsePageContext({ headings });
    expect(page?.headings).toEqual(Array.from({ length: 20 }, (_, i) => `Heading ${i}`));
  });

  it('caps the whole context at 8 KB of JSON by cutting the largest texts first, leaving url and path whole', () => {
    const input = {
      url: `https://example.test/${'u'.repeat(1500)}`,
      path: `/${'p'.repeat(1500)}`,
      title: 'Short title',
      description: 'd'.repeat(2048),
      headings: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(400, 'h')),
      selection: 's'.repeat(4096),
    };
    const page = parsePageContext(input);
    expect(bytes(page)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.total);
    expect(bytes(page)).toBeGreaterThan(PAGE_CONTEXT_LIMITS.total - 64);
    expect(page?.url).toBe(input.url);
    expect(page?.path).toBe(input.path);
    expect(page?.title).toBe('Short title');
    // Everything longer than the common level was cut to the same length.
    const level = page?.selection?.length ?? 0;
    expect(level).toBeLessThan(400);
    expect(page?.description?.length).toBe(level);
    expect(page?.headings?.every((heading) => heading.length === level)).toBe(true);
    expect(input.selection.startsWith(page?.selection ?? 'x')).toBe(true);
    expect(parsePageContext(input)).toEqual(page);
    expect(PageContext.parse(input)).toEqual(page);
  });

  it('caps multi-byte text in the whole as in each field: never over 8 KB, never a broken character', () => {
    const page = parsePageContext({
      title: '標題'.repeat(300),
      description: '説明文です。\n'.repeat(200),
      headings: Array.from({ length: 20 }, (_, i) => `${i}: ${'見出し😀'.repeat(60)}`),
      selection: '選択🎉'.repeat(1000),
    });
    expect(bytes(page)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.total);
    expect(bytes(page)).toBeGreaterThan(PAGE_CONTEXT_LIMITS.total - 64);
    for (const text of [page?.title, page?.description, page?.selection, ...(page?.headings ?? [])]) {
      expect(text).toBeDefined();
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\ufffd/);
    }
  });

  it('counts escaped characters as JSON does when capping the whole', () => {
    const page = parsePageContext({
      description: '"\\\n'.repeat(700),
      selection: '"'.repeat(4096),
      headings: Array.from({ length: 20 }, () => '\\'.repeat(512)),
    });
    expect(bytes(page)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.total);
  });

  it('fits a tighter cap, dropping the path and then the url only when the texts alone cannot make room', () => {
    const input = {
      url: `https://example.test/${'u'.repeat(300)}`,
      path: `/${'p'.repeat(300)}`,
      title: 'T'.repeat(500),
      selection: 's'.repeat(500),
    };
    const small = parsePageContext(input, { maxBytes: 800 });
    expect(bytes(small)).toBeLessThanOrEqual(800);
    expect(small).toMatchObject({ url: input.url, path: input.path });
    expect(parsePageContext(input, { maxBytes: 400 })).toEqual({ url: input.url });
    expect(parsePageContext(input, { maxBytes: 100 })).toBeUndefined();
    expect(
      bytes(parsePageContext({ selection: 's'.repeat(4000), description: 'd'.repeat(2000) }, { maxBytes: 100_000 })),
    ).toBeLessThanOrEqual(8192);
  });

  it('changes nothing in a context it already parsed, at any cap', () => {
    const input = {
      url: 'https://user:pw@example.test/a b?x=1&sig=2#f',
      title: ' Title \u0000 ',
      path: '/a b?x',
      description: 'Para one.  \n\n\n\n Para\ttwo. ' + '字'.repeat(900),
      headings: ['  A ', '', 'B\nC', ...Array.from({ length: 30 }, (_, i) => `H${i} ${'😀'.repeat(200)}`)],
      selection: '"quoted"\\ \n'.repeat(600),
    };
    for (const maxBytes of [8192, 3000, 500]) {
      const once = parsePageContext(input, { maxBytes });
      expect(parsePageContext(once, { maxBytes })).toEqual(once);
      expect(parsePageContext(once)).toEqual(once);
      expect(bytes(once)).toBeLessThanOrEqual(maxBytes);
    }
  });
});
