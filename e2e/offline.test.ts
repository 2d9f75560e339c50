import { describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, screenshot } from './support/browser.js';
import { lastReply, send, settledReply, signIn, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { browserSuite } from './support/suite.js';

/**
 * The app with no configuration at all (no OPENAI_API_KEY, no OPENAI_BASE_URL, nothing but a
 * data directory), as on a fresh machine: the built-in offline model answers, says so, and shows
 * the step where it reads the page.
 */

const canRun = browserTestsCanRun();

describe.skipIf(!canRun)('the chat page with no model configured (the offline model)', () => {
  const suite = browserSuite(() => ({}));

  test(
    'a question about the page is answered from the page, with the offline notice and the page-reading step visible',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Offline Visitor');
      await send(page, 'What does the Team plan cost?');

      const notice = page.getByRole('status').filter({ hasText: 'Offline model' });
      await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await notice.innerText()).toMatch(/OPENAI_API_KEY/);

      const step = page.locator('[data-item-type="workflow"], [data-item-type="task"]').filter({ hasText: 'Read page context' });
      await step.waitFor({ timeout: STEP_TIMEOUT_MS });

      const answer = await settledReply(page);
      // Answered from the page: the offline model quotes what matches the question best.
      expect(answer).toContain('$15 per user a month');
      expect(answer).toContain('Getting started with Acme Notes');
      expect(await step.innerText()).not.toMatch(/in progress/i);
      // The step comes before the answer it led to.
      const order = await page
        .locator('[data-item-type]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-item-type')));
      expect(order.indexOf('user_message')).toBeLessThan(order.findIndex((type) => type === 'workflow' || type === 'task'));
      expect(order.findIndex((type) => type === 'workflow' || type === 'task')).toBeLessThan(
        order.lastIndexOf('assistant_message'),
      );
      expect(await lastReply(page).getAttribute('aria-busy')).not.toBe('true');
      await screenshot(page, 'offline-answer');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
