import { modelContextFrom } from '@chatwire/agents';
import { buildRequestContext } from '@chatwire/auth';
import { PAGE_CONTEXT_LIMITS, parsePageContext } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { getPageContext, type PageDocument, type PageElement } from './page-context.js';

/** Just enough of a DOM for `getPageContext`: elements with text, attributes and tag-based lookups. */
interface FakeNode {
  tag: string;
  text?: string;
  attributes?: Record<string, string>;
  children?: FakeNode[];
}

function element(node: FakeNode): PageElement {
  return {
    textContent: node.text ?? (node.children ?? []).map((child) => element(child).textContent).join(' '),
    getAttribute: (name) => node.attributes?.[name] ?? null,
    querySelectorAll: (selectors) =>
      descendants(node)
        .filter((child) => matches(child, selectors))
        .map(element),
  };
}

function descendants(node: FakeNode): FakeNode[] {
  return (node.children ?? []).flatMap((child) => [child, ...descendants(child)]);
}

/** Supports the selectors the code uses: tag lists (`h1, h2`) and `meta[name="…"]` / `meta[property="…"]`. */
function matches(node: FakeNode, selectors: string): boolean {
  return selectors.split(',').some((selector) => {
    const attribute = /^(\w+)\[(\w+)="([^"]+)"\]$/.exec(selector.trim());
    if (attribute) return node.tag === attribute[1] && node.attributes?.[attribute[2] ?? ''] === attribute[3];
    return node.tag === selector.trim();
  });
}

function fakeDocument(options: {
  href?: string;
  title?: string;
  head?: FakeNode[];
  body?: FakeNode[];
  selection?: string;
}): PageDocument {
  const root: FakeNode = {
    tag: 'html',
    children: [
      { tag: 'head', children: options.head ?? [] },
      { tag: 'body', children: options.body ?? [] },
    ],
  };
  const body = root.children?.[1] as FakeNode;
  return {
    title: options.title ?? '',
    body: element(body),
    location: options.href === undefined ? null : { href: options.href },
    querySelector: (selectors) => {
      const found = descendants(root).find((node) => matches(node, selectors));
      return found ? element(found) : null;
    },
    getSelection: () => ({ toString: () => options.selection ?? '' }),
  };
}

const heading = (level: number, text: string): FakeNode => ({ tag: `h${level}`, text });

describe('getPageContext', () => {
  it('reads the address, title, description, headings of the main content and the selection', () => {
    const document = fakeDocument({
      href: 'https://user:secret@docs.example.com/guides/setup?token=abc#section',
      title: 'Setup guide',
      head: [{ tag: 'meta', attributes: { name: 'description', content: 'How to set up the product.' } }],
      body: [
        { tag: 'nav', children: [heading(2, 'Navigation')] },
        {
          tag: 'main',
          children: [heading(1, 'Setup'), { tag: 'p', text: 'Intro' }, heading(2, 'Install'), heading(3, 'Configure')],
        },
      ],
      selection: 'npm install chatwire',
    });
    expect(getPageContext({ document })).toEqual({
      url: 'https://docs.example.com/guides/setup',
      path: '/guides/setup',
      title: 'Setup guide',
      description: 'How to set up the product.',
      headings: ['Setup', 'Install', 'Configure'],
      selection: 'npm install chatwire',
    });
  });

  it('keeps the query string only when asked (queries often carry tokens)', () => {
    const document = fakeDocument({ href: 'https://shop.example.com/search?q=shoes#top' });
    expect(getPageContext({ document }).url).toBe('https://shop.example.com/search');
    expect(getPageContext({ document, includeQuery: true }).url).toBe('https://shop.example.com/search?q=shoes');
  });

  it('prefers article over main, falls back to the body, and takes the first 8 headings', () => {
    const many = Array.from({ length: 12 }, (_, i) => heading(2, `Section ${i + 1}`));
    const withArticle = fakeDocument({ body: [heading(1, 'Site'), { tag: 'article', children: [heading(1, 'Post')] }] });
    expect(getPageContext({ document: withArticle }).headings).toEqual(['Post']);
    const bodyOnly = fakeDocument({ body: many });
    expect(getPageContext({ document: bodyOnly }).headings).toEqual(many.slice(0, 8).map((h) => h.text));
    expect(getPageContext({ document: bodyOnly, maxHeadings: 2 }).headings).toEqual(['Section 1', 'Section 2']);
  });

  it('falls back to og:description', () => {
    const document = fakeDocument({
      head: [{ tag: 'meta', attributes: { property: 'og:description', content: 'Shared text' } }],
    });
    expect(getPageContext({ document }).description).toBe('Shared text');
  });

  it('strips control and direction-override characters and collapses whitespace', () => {
    const document = fakeDocument({
      title: 'Bad\u0000 \u202etitle\u0007\n\n  here',
      body: [heading(1, '  Spaced \t out\r\n heading ')],
      selection: 'line one\r\nline\u0000 two\u001b[31m',
    });
    const context = getPageContext({ document });
    expect(context.title).toBe('Bad title here');
    expect(context.headings).toEqual(['Spaced out heading']);
    expect(context.selection).toBe('line one\nline two[31m');
  });

  it('leaves out empty fields, non-web addresses and the selection when told to', () => {
    const document = fakeDocument({ href: 'file:///home/me/notes.html', title: '   ', selection: 'secret' });
    expect(getPageContext({ document, includeSelection: false })).toEqual({});
  });

  it('caps each field and the whole context (8 KB as JSON by default)', () => {
    const long = 'word '.repeat(5_000);
    const document = fakeDocument({
      href: `https://example.com/${'a'.repeat(100)}`,
      title: long,
      head: [{ tag: 'meta', attributes: { name: 'description', content: long } }],
      body: [{ tag: 'main', children: Array.from({ length: 8 }, () => heading(2, long)) }],
      selection: long,
    });
    const context = getPageContext({ document });
    const size = new TextEncoder().encode(JSON.stringify(context)).byteLength;
    expect(size).toBeLessThanOrEqual(8192);
    expect(new TextEncoder().encode(context.title ?? '').byteLength).toBeLessThanOrEqual(1024);
    expect(context.url).toBe(`https://example.com/${'a'.repeat(100)}`);
    expect(context.headings?.length).toBeGreaterThan(0);
    expect(getPageContext({ document, maxBytes: 1_000 })).toSatisfy(
      (small: object) => new TextEncoder().encode(JSON.stringify(small)).byteLength <= 1_000,
    );
  });

  it('never splits a multi-byte character when cutting', () => {
    const document = fakeDocument({ title: '€'.repeat(2_000) });
    const title = getPageContext({ document }).title ?? '';
    expect(title).toBe('€'.repeat(341));
  });

  it('returns an empty context where there is no DOM', () => {
    expect(getPageContext()).toEqual({});
  });

  it('what it produces passes the server-side page-context validation unchanged', () => {
    const document = fakeDocument({
      href: 'https://docs.example.com/pricing',
      title: 'Pricing',
      head: [{ tag: 'meta', attributes: { name: 'description', content: 'Plans and prices.' } }],
      body: [{ tag: 'main', children: [heading(1, 'Plans'), heading(2, 'Enterprise')] }],
      selection: 'Contact sales\nfor volume pricing',
    });
    const context = getPageContext({ document });
    expect(parsePageContext(context)).toEqual(context);
  });

  it('caps multi-byte text exactly as the server validation and the model context do, in UTF-8 bytes', () => {
    const raw = {
      url: 'https://docs.example.jp/ガイド/設定',
      path: '/ガイド/設定',
      title: '設定ガイド🚀'.repeat(200),
      description: '製品の設定方法。\n\n絵文字も😀含む。'.repeat(150),
      headings: ['概要', `インストール${'手順'.repeat(400)}`, '👩‍💻 開発者向け'.repeat(60)],
      selection: '選択したテキスト🎉\n'.repeat(700),
    };
    const document = fakeDocument({
      href: raw.url,
      title: raw.title,
      head: [{ tag: 'meta', attributes: { name: 'description', content: raw.description } }],
      body: [{ tag: 'main', children: raw.headings.map((text, i) => heading(i + 1, text)) }],
      selection: raw.selection,
    });
    const fromBrowser = getPageContext({ document });
    const identity = { userId: 'user_1', claims: {} };
    const fromAuth = buildRequestContext({ identity, metadata: { pageContext: raw } }).page;
    const forModel = modelContextFrom({ page: raw }).page;

    expect(fromAuth).toEqual(fromBrowser);
    expect(forModel).toEqual(fromBrowser);
    // And what the browser sent passes both unchanged.
    expect(buildRequestContext({ identity, metadata: { pageContext: fromBrowser } }).page).toEqual(fromBrowser);
    expect(modelContextFrom({ page: fromBrowser }).page).toEqual(fromBrowser);

    const bytes = (value: unknown) =>
      new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).byteLength;
    expect(bytes(fromBrowser)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.total);
    expect(bytes(fromBrowser)).toBeGreaterThan(PAGE_CONTEXT_LIMITS.total - 64);
    expect(bytes(fromBrowser.title)).toBeLessThanOrEqual(PAGE_CONTEXT_LIMITS.title);
    expect(fromBrowser.headings?.[0]).toBe('概要');
    expect(fromBrowser.path).toBe('/ガイド/設定');
  });
});
