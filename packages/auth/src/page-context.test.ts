import { describe, expect, it } from 'vitest';
import { PAGE_CONTEXT_LIMITS, parsePageContext } from './page-context.js';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).byteLength;

describe('page context', () => {
  it('keeps a well-formed context as sent', () => {
    const page = {
      url: 'https://shop.example.test/orders/42?tab=items#top',
      title: 'Order 42',
      path: '/orders/42',
      description: 'Your order\n\tshipped yesterday.',
      headings: ['Order 42', 'Items'],
      selection: 'Tracking number\n1Z999',
    };
    expect(parsePageContext(page)).toEqual(page);
  });

  it('caps each field in UTF-8 bytes without splitting a character', () => {
    const page = parsePageContext({ title: '€'.repeat(2000), selection: '😀'.repeat(3000) });
    expect(bytes(page?.title)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.title);
    expect(page?.title).toBe('€'.repeat(Math.floor(PAGE_CONTEXT_LIMITS.title / 3)));
    expect(page?.selection).toBe('😀'.repeat(PAGE_CONTEXT_LIMITS.selection / 4));
  });

  it('strips control characters and bidi overrides, keeping newlines and tabs only in multi-line fields', () => {
    const page = parsePageContext({
      title: 'Invoice\u0000\u0007 \u202edue\u202c\n\tdate',
      description: 'line one\r\nline\u001b[31m two\ttabbed\u0085',
      selection: '\u0008keep\nthis',
      headings: ['A\u0000B', '\u0001'],
    });
    expect(page).toEqual({
      title: 'Invoice due date',
      description: 'line one\nline[31m two\ttabbed',
      selection: 'keep\nthis',
      headings: ['AB'],
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

  it('removes credentials from the url', () => {
    expect(parsePageContext({ url: 'https://user:secret@example.test/a' })?.url).toBe('https://example.test/a');
  });

  it('drops fields of the wrong type, never failing', () => {
    expect(parsePageContext({ title: 42, path: ['x'], headings: 'not a list', selection: { a: 1 }, description: 'ok', extra: 'ignored' })).toEqual({
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
    const headings = [1, null, ...Array.from({ length: 30 }, (_, i) => `Heading ${i}`)];
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
  });

  it('counts escaped characters as JSON does when capping the whole', () => {
    const page = parsePageContext({
      description: '"\\\n'.repeat(700),
      selection: '"'.repeat(4096),
      headings: Array.from({ length: 20 }, () => '\\'.repeat(512)),
    });
    expect(bytes(page)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.total);
  });
});
