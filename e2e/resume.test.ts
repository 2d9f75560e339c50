import { describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, screenshot } from './support/browser.js';
import { composer, lastReply, REPLY, send, settledReply, signIn, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { mockModelSuite } from './support/suite.js';

/**
 * The chat page against the built app run with `CHATWIRE_ON_DISCONNECT=continue`: a reply keeps
 * running on the server when the page goes away, and the page picks it up again after a reload
 * (`chatwire.threads.resume`). The mock model paces its words so the reply lasts seconds.
 */

const canRun = browserTestsCanRun();
const WORDS = Array.from({ length: 60 }, (_, i) => `word${i} `);

describe.skipIf(!canRun)('a reply that outlives a reload of the page', () => {
  const suite = mockModelSuite({ CHATWIRE_ON_DISCONNECT: 'continue' });

  test(
    'reloading mid-reply shows the same reply continuing, and it finishes with the whole text once',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Reloading Reader');
      suite.mock.reply({ text: WORDS, eventDelayMs: 60 });
      await send(page, 'Count slowly to sixty.');
      // Streaming, a few words in.
      await page.waitForFunction(
        (selector) => {
          const last = [...document.querySelectorAll<HTMLElement>(selector)].at(-1);
          return last?.getAttribute('aria-busy') === 'true' && last.innerText.includes('word3');
        },
        REPLY,
        { timeout: STEP_TIMEOUT_MS },
      );
      const before = (await lastReply(page).innerText()).trim();
      expect(before).not.toContain('word59');

      await page.reload();
      await composer(page).waitFor();
      // The reopened thread shows the reply still streaming, then finished.
      await page.locator(`${REPLY}[aria-busy="true"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'resume-after-reload');
      const text = await settledReply(page);
      expect(text).toBe(WORDS.join('').trim());
      expect(await page.locator(REPLY).count()).toBe(1);
      expect(await page.locator('[data-item-type="user_message"]').count()).toBe(1);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'Stop sends an explicit stop: the reply ends on the server too (the page left running would not stop it), and the page shows what the server kept',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Stopping Reader');
      suite.mock.reply({ text: WORDS, eventDelayMs: 60 });
      await send(page, 'Count slowly to sixty, again.');
      await page.waitForFunction(
        (selector) => [...document.querySelectorAll<HTMLElement>(selector)].at(-1)?.innerText.includes('word3') ?? false,
        REPLY,
        { timeout: STEP_TIMEOUT_MS },
      );
      const stop = page.waitForResponse(
        (response) => response.request().postData()?.includes('"chatwire.threads.stop"') ?? false,
      );
      // Once the server has stopped it, the page reloads the thread to show what the server kept.
      const reloaded = page.waitForResponse(
        async (response) =>
          (await stop.then(() => true)) && (response.request().postData()?.includes('"threads.get_by_id"') ?? false),
      );
      await page.getByRole('button', { name: 'Stop' }).click();
      expect((await stop).status()).toBe(200);
      await reloaded;
      const shown = await settledReply(page);
      expect(shown).toMatch(/^word0 word1 word2 word3/);
      expect(shown).not.toContain('word59');
      // After a reload the thread holds the same stopped reply: it did not run on.
      await page.waitForTimeout(1_500);
      await page.reload();
      await composer(page).waitFor();
      expect(await settledReply(page)).toBe(shown);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
