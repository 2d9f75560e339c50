import { describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, screenshot } from './support/browser.js';
import { composer, lastReply, openThread, send, settledReply, signIn, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { mockModelSuite } from './support/suite.js';

/**
 * Citations in the browser. The mock's Chat Completions stream carries no annotations (nor does
 * the API: it has no url_citation deltas the Agents SDK reads), so this file runs the app on the
 * Responses API (`CHATWIRE_MODEL_API=responses`), whose `output_text.annotation.added` events do.
 */

const canRun = browserTestsCanRun();

const CITED_TEXT = 'The Team plan costs $15 per user a month, and yearly billing gives two months free.';

describe.skipIf(!canRun)('citations from a model on the Responses API (mock)', () => {
  const suite = mockModelSuite({ CHATWIRE_MODEL_API: 'responses' });

  test(
    'a cited reply shows its sources as numbered links, and they are still there after a reload',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Source Checker');
      suite.mock.wholeText = 'Team plan price';
      suite.mock.reply({
        text: ['The Team plan costs $15 ', 'per user a month, ', 'and yearly billing gives two months free.'],
        annotations: [
          {
            type: 'url_citation',
            start_index: 0,
            end_index: 40,
            url: 'https://acme-notes.example/pricing',
            title: 'Acme Notes pricing',
          },
          {
            type: 'url_citation',
            start_index: 44,
            end_index: CITED_TEXT.length,
            url: 'https://acme-notes.example/billing',
            title: 'Billing and refunds',
          },
        ],
      });
      await send(page, 'What does the Team plan cost?');
      await settledReply(page);

      const checkSources = async () => {
        const reply = lastReply(page);
        const pricing = reply.getByRole('link', { name: 'Acme Notes pricing' });
        await pricing.waitFor({ timeout: STEP_TIMEOUT_MS });
        expect(await pricing.getAttribute('href')).toBe('https://acme-notes.example/pricing');
        expect(await reply.getByRole('link', { name: 'Billing and refunds' }).getAttribute('href')).toBe(
          'https://acme-notes.example/billing',
        );
        // Numbered: the sources are an ordered list, 1 then 2, and markers in the text lead to them.
        const numbers = await reply.locator('ol > li').evaluateAll((items) => items.map((item) => (item as HTMLLIElement).value));
        expect(numbers).toEqual([1, 2]);
        const markers = await reply.locator('a[href^="#"]').evaluateAll((links) =>
          links.map((link) => {
            const target = document.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
            return { text: (link as HTMLElement).innerText.trim(), target: target?.textContent?.trim() ?? null };
          }),
        );
        expect(markers).toEqual([
          { text: expect.stringContaining('1'), target: expect.stringContaining('Acme Notes pricing') },
          { text: expect.stringContaining('2'), target: expect.stringContaining('Billing and refunds') },
        ]);
        expect(await reply.innerText()).toContain('The Team plan costs $15 per user a month');
      };
      await checkSources();
      await screenshot(page, 'citation');

      await page.reload();
      await composer(page).waitFor({ timeout: STEP_TIMEOUT_MS });
      await openThread(page, 'Team plan price');
      await checkSources();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
