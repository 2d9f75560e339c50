import { describe, expect, it } from 'vitest';
import type { PageContextData } from './model-context.js';
import { offlineAnswer } from './offline-answer.js';
import { keywords } from './word-match.js';

/** A pricing page where every part is about plans, so only "team" tells the Team section apart. */
const PRICING: PageContextData = {
  url: 'https://shop.example.test/pricing',
  title: 'Pricing',
  description: 'Plans for teams of every size, billed monthly or yearly.',
  headings: ['Starter: free for one user', 'Team: $12 per seat per month', 'Enterprise: talk to sales', 'Refunds within 30 days'],
};

function answer(question: string, page: PageContextData = PRICING): string {
  return offlineAnswer({ question, earlier: [], page });
}

describe('which part of the page the offline model answers from', () => {
  it.each([
    ['What does the Team plan cost?', 'Team: $12 per seat per month'],
    ['How much does the Team plan cost per seat?', 'Team: $12 per seat per month'],
    ['Do you give refunds?', 'Refunds within 30 days'],
    ['Can I talk to sales about Enterprise?', 'Enterprise: talk to sales'],
  ])('%j points to the section whose heading has the distinctive word', (question, heading) => {
    expect(answer(question)).toContain(`**${heading}**`);
  });

  it('a heading naming the distinctive word beats the page description that mentions it in passing', () => {
    const text = answer('What does the Team plan cost?');
    expect(text).toMatch(/^The section \*\*Team: \$12 per seat per month\*\*/);
    expect(text).not.toMatch(/^From the description/);
  });

  it('answers from the description when it has the words no section has', () => {
    expect(answer('Are plans billed monthly or yearly?')).toBe(
      'From the description of “Pricing”: Plans for teams of every size, billed monthly or yearly.',
    );
  });

  it('"Can I export my notes?" finds "Exporting your notes" through the stems of both words', () => {
    const page: PageContextData = {
      title: 'Getting started',
      headings: ['Plans and pricing', 'Working offline', 'Exporting your notes', 'When sync stops'],
    };
    expect(answer('Can I export my notes?', page)).toContain('**Exporting your notes**');
  });

  it('among sections that match equally, picks the shortest', () => {
    const page: PageContextData = {
      title: 'Docs',
      headings: ['Export your notes as Markdown files, PDF files or a ZIP archive', 'Export notes'],
    };
    expect(answer('How do I export notes?', page)).toContain('**Export notes**');
  });

  it('a word rare on the page outweighs one every section shares', () => {
    const page: PageContextData = {
      title: 'Plans',
      headings: ['Starter plan billing', 'Team plan billing', 'Enterprise plan billing and invoices', 'Plan billing FAQ'],
    };
    // "plan" and "billing" are everywhere; "invoices" is in one section only.
    expect(answer('Where are plan billing invoices?', page)).toContain('**Enterprise plan billing and invoices**');
  });

  it('quotes the selection first when the user says "this", "selected" or "highlighted", even if a heading matches better', () => {
    const page: PageContextData = { ...PRICING, selection: 'Seats added mid-month are billed pro rata.' };
    for (const question of [
      'What does this mean for the Team plan?',
      'Explain the selected text',
      'Is the highlighted part about refunds?',
    ]) {
      const text = answer(question, page);
      expect(text).toContain('> Seats added mid-month are billed pro rata.');
      expect(text).toContain('you selected');
      expect(text).not.toContain('Team: $12');
    }
  });

  it('"this page" means the page, not the selection', () => {
    const page: PageContextData = { ...PRICING, selection: 'Seats added mid-month are billed pro rata.' };
    const text = answer('summarize this page', page);
    expect(text).toContain('Plans for teams of every size');
    expect(text).toContain('Its sections: Starter: free for one user; Team: $12 per seat per month');
    expect(text).not.toContain('pro rata');
  });

  it('without a selection, "this" questions match the page as usual', () => {
    expect(answer('Does this include refunds?')).toContain('**Refunds within 30 days**');
  });

  it('says plainly that it is the offline model when nothing on the page matches', () => {
    const text = answer('Explain quantum chromodynamics');
    expect(text).toMatch(/I'm the built-in offline model/);
    expect(text).toMatch(/OPENAI_API_KEY/);
  });

  it('greets without claiming to understand language', () => {
    expect(answer('hi')).toMatch(
      /^Hello! I'm the built-in offline model, so I don't understand language the way an AI model does\./,
    );
  });
});

describe('the words the offline model matches on', () => {
  it('drops question words and stop words, keeps content words, and lower-cases', () => {
    expect([...keywords('How much does the Team plan cost per seat?')]).toEqual(['team', 'plan', 'cost', 'seat']);
  });

  it('meets plural, -ing, -ed and plain forms of a word', () => {
    for (const [a, b] of [
      ['refunds', 'refund'],
      ['pricing', 'prices'],
      ['billed', 'billing'],
      ['exported', 'export'],
      ['running', 'run'],
      ['policies', 'policy'],
    ] as const) {
      expect([...keywords(a)]).toEqual([...keywords(b)]);
    }
    expect([...keywords('bill')]).toEqual([...keywords('billed')]);
    expect([...keywords('class status')]).toEqual(['class', 'status']);
  });
});
