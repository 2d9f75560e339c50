// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './markdown.js';

afterEach(cleanup);

function show(text: string, props: { imageDomains?: readonly string[] } = {}) {
  return render(<Markdown text={text} {...props} />).container;
}

describe('markdown safety', () => {
  it('a script block is shown as text and never becomes an element', () => {
    const root = show('<script>window.hacked = true</script>\n\nAfter');
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<script>window.hacked = true</script>');
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('inline HTML (an image with an onerror handler, a bold tag) is shown as its source text', () => {
    const root = show('Look <img src=x onerror="alert(1)"> and <b>bold</b>');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toBe('Look <img src=x onerror="alert(1)"> and <b>bold</b>');
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['mixed-case JavaScript:', '[click](JaVaScRiPt:alert(1))'],
    ['an entity-encoded scheme', '[click](jav&#x61;script:alert(1))'],
    ['data:', '[click](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript:', '[click](vbscript:msgbox(1))'],
    ['a relative path', '[click](/admin)'],
  ])('a link to %s keeps its text but is not a link', (_name, source) => {
    const root = show(source);
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe('click');
  });

  it('http, https and mailto links open in a new tab without passing the page on', () => {
    const root = show(
      '[docs](https://example.com/docs) [old](http://example.com/) [mail](mailto:help@example.com) https://auto.example.com/x',
    );
    const links = [...root.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/docs',
      'http://example.com/',
      'mailto:help@example.com',
      'https://auto.example.com/x',
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(link.getAttribute('target')).toBe('_blank');
    }
  });

  it('images load only from the thread’s allowed domains; others are shown as links', () => {
    const text = '![chart](https://cdn.example.com/chart.png) ![pixel](https://tracker.example.net/p.gif?secret=1)';
    const blocked = show(text);
    expect(blocked.querySelector('img')).toBeNull();
    expect([...blocked.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['chart', 'pixel']);
    cleanup();
    const allowed = show(text, { imageDomains: ['cdn.example.com'] });
    const images = [...allowed.querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('src'))).toEqual(['https://cdn.example.com/chart.png']);
    expect(images[0]?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(images[0]?.getAttribute('alt')).toBe('chart');
  });
});

describe('GitHub-flavoured markdown', () => {
  it('tables keep their header, rows and column alignment', () => {
    const root = show('| Plan | Price |\n| :-- | --: |\n| Basic | $10 |\n| Pro | $30 |');
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Plan', 'Price']);
    expect(
      [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    ).toEqual([
      ['Basic', '$10'],
      ['Pro', '$30'],
    ]);
    expect((root.querySelector('tbody td:last-child') as HTMLElement).style.textAlign).toBe('right');
  });

  it('task lists, strikethrough, emphasis and nested lists render as elements', () => {
    const root = show('- [x] shipped\n- [ ] ~~dropped~~ *maybe*\n  1. nested **step**');
    const boxes = [...root.querySelectorAll('input[type="checkbox"]')] as HTMLInputElement[];
    expect(boxes.map((box) => box.checked)).toEqual([true, false]);
    expect(boxes.every((box) => box.disabled)).toBe(true);
    expect(root.querySelector('del')?.textContent).toBe('dropped');
    expect(root.querySelector('em')?.textContent).toBe('maybe');
    expect(root.querySelector('ul ol strong')?.textContent).toBe('step');
  });

  it('headings sit below the host page’s: # becomes a third-level heading', () => {
    show('# Title\n\n## Section');
    expect(screen.getByRole('heading', { level: 3, name: 'Title' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 4, name: 'Section' })).toBeTruthy();
  });

  it('character references are shown as the characters; code keeps them as written', () => {
    const root = show('&copy; 2025 &amp; on &#x2192; `&amp;`');
    expect(root.textContent).toBe('© 2025 & on → &amp;');
  });
});

describe('code blocks', () => {
  it('are highlighted when the language is known (once the highlighter chunk is in), as elements with highlight.js classes', async () => {
    const root = show('```ts\nconst answer: number = 42; // why\n```');
    const code = root.querySelector('pre code')!;
    expect(code.textContent).toBe('const answer: number = 42; // why');
    await waitFor(() => expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const'));
    expect(code.querySelector('.hljs-number')?.textContent).toBe('42');
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('// why');
  });

  it('in an unknown language are plain text', () => {
    const root = show('```brainfuck\n+[-->-[>>+>-----<<]<--<---]\n```');
    const code = root.querySelector('pre code')!;
    expect(code.children).toHaveLength(0);
    expect(code.textContent).toBe('+[-->-[>>+>-----<<]<--<---]');
  });

  it('HTML inside a code block stays text', () => {
    const root = show('```html\n<script>alert(1)</script>\n```');
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('pre code')?.textContent).toBe('<script>alert(1)</script>');
  });

  it('"Copy code" copies the code exactly', async () => {
    show('Run:\n\n```bash\nnpm install && npm start\n```');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    });
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('npm install && npm start'));
  });
});
