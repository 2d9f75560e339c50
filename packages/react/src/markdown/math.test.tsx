// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './markdown.js';
import { mathRenderer } from './math.js';

afterEach(cleanup);

// happy-dom has no `document.compatMode`; Temml refuses to render in anything but standards mode,
// which is what a real page with a doctype is in.
Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true });

function show(text: string) {
  return render(<Markdown text={text} />).container;
}

/** The TeX each rendered formula was made from (Temml keeps it as an annotation), in order. */
function formulas(root: HTMLElement): string[] {
  return [...root.querySelectorAll('math annotation')].map((node) => node.textContent ?? '');
}

describe('math in markdown', () => {
  it('shows the TeX as code until the math chunk has loaded, then a MathML formula in its place', async () => {
    expect(mathRenderer.peek()).toBeUndefined();
    const root = show('Euler: $e^{i\\pi} + 1 = 0$, famously.');
    expect(root.querySelector('code.cw-math-source')?.textContent).toBe('$e^{i\\pi} + 1 = 0$');
    await waitFor(() => expect(formulas(root)).toEqual(['e^{i\\pi} + 1 = 0']));
    expect(root.querySelector('code.cw-math-source')).toBeNull();
    expect(root.querySelector('p')?.textContent).toMatch(/^Euler: .+, famously\.$/);
  });

  it('takes \\(…\\) as inline math, and $$…$$ and \\[…\\] on their own lines as display blocks', async () => {
    const root = show('Inline \\(a+b\\) here.\n\n$$\n\\frac{1}{2}\n$$\n\n\\[x_1 = y_1\\]');
    await waitFor(() => expect(formulas(root)).toEqual(['a+b']));
    // happy-dom cannot lay out display MathML (its MathML elements have no style); the browser
    // tests render these in Chromium. Here: two display blocks, each with its TeX.
    const blocks = [...root.querySelectorAll('.cw-math-display')].map((block) => block.textContent);
    expect(blocks).toEqual(['$$\\frac{1}{2}$$', '$$x_1 = y_1$$']);
  });

  it('leaves prices and escaped dollars as text', async () => {
    await mathRenderer.load();
    const root = show('Plans cost $5 and $10, or $5-$10 a month; \\$x\\$ is literal.');
    expect(root.querySelector('math, .cw-math-source')).toBeNull();
    expect(root.textContent).toBe('Plans cost $5 and $10, or $5-$10 a month; $x$ is literal.');
  });

  it('does not take underscores inside a formula for emphasis', async () => {
    await mathRenderer.load();
    const root = show('$a_1 + b_1$ and $c_2$');
    expect(root.querySelector('em')).toBeNull();
    expect(formulas(root)).toEqual(['a_1 + b_1', 'c_2']);
  });

  it('shows TeX that does not parse as its source', async () => {
    await mathRenderer.load();
    const root = show('Broken: $\\frac{1}{$ and fine: $x$');
    await waitFor(() => expect(root.querySelector('code.cw-math-source')?.textContent).toBe('$\\frac{1}{$'));
    expect(formulas(root)).toEqual(['x']);
  });

  it('makes no link or class from untrusted commands', async () => {
    await mathRenderer.load();
    const root = show('$\\href{javascript:alert(1)}{click}$ $\\htmlClass{evil}{x}$');
    expect(root.querySelector('a, [href], .evil')).toBeNull();
  });
});

it('takes \\[…\\] inside a paragraph as a display formula there', async () => {
  await mathRenderer.load();
  const root = show('The formula: \\[x^2\\] and on.');
  // (happy-dom cannot lay out display MathML, so its source stands in; Chromium typesets it.)
  expect(root.querySelector('p .cw-math-block')?.textContent).toBe('$$x^2$$');
  expect(root.querySelector('p')?.textContent).toBe('The formula: $$x^2$$ and on.');
});
