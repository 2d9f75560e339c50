import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from '@chatwire/test-support/mock-openai';
import { describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, PHONE, screenshot, seriousAxeViolations } from './support/browser.js';
import {
  composer,
  contextBlock,
  horizontalOverflow,
  lastReply,
  openThread,
  REPLY,
  replyRequests,
  send,
  settledReply,
  signIn,
  STEP_TIMEOUT_MS,
  threads,
} from './support/chat-page.js';
import { mockModelSuite } from './support/suite.js';

/**
 * The chat page at `/` in Chromium against the real app (built, in its own process, on PGlite)
 * whose model is a local mock of an OpenAI-compatible endpoint (`OPENAI_BASE_URL`, so Chat
 * Completions). Each test signs in as its own user in a fresh browser profile.
 */

const canRun = browserTestsCanRun();

/** Splits `text` into deltas of a few characters, the way a model streams. */
function deltas(text: string, size = 12): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** A reply with the Markdown a real answer has: emphasis, a table wider than a phone, a long code line, a list. */
const RICH_ANSWER = [
  'The **Team** plan costs $15 per user a month and includes workspace sharing.',
  '',
  '| Plan | Price | Devices | Storage | Sharing | Version history |',
  '| --- | --- | --- | --- | --- | --- |',
  '| Free | $0 | 2 | 1 GB | View only | 7 days |',
  '| Plus | $8 | Unlimited | 100 GB | View, comment, edit | 1 year |',
  '| Team | $15 per user | Unlimited | 1 TB per user | Whole workspace, admin view | Unlimited |',
  '',
  'To export everything from the command line:',
  '',
  '```bash',
  'acme-notes export --all --format markdown --include-attachments --out ~/backups/acme-notes-$(date +%Y-%m-%d).zip',
  '```',
  '',
  '- Unlimited devices',
  '- An admin view of who can see what',
].join('\n');

describe.skipIf(!canRun)('the chat page with a model behind OPENAI_BASE_URL (mock, Chat Completions)', () => {
  const suite = mockModelSuite();

  /** The model request for the reply the test is about to cause (the `count`th streamed one, from 0). */
  async function replyRequest(count: number): Promise<RecordedRequest> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const request = replyRequests(suite.mock.requests)[count];
      if (request) return request;
      if (Date.now() > deadline)
        throw new Error(`The model got ${replyRequests(suite.mock.requests).length} reply requests, expected more than ${count}`);
      await sleep(25);
    }
  }

  /** Waits until the latest reply is streaming (`aria-busy="true"`) and shows more than `chars` characters; returns how many. */
  async function busyReplyLongerThan(page: Page, chars: number): Promise<number> {
    const handle = await page.waitForFunction(
      ([selector, longerThan]) => {
        const replies = document.querySelectorAll<HTMLElement>(selector);
        const last = replies[replies.length - 1];
        if (!last || last.getAttribute('aria-busy') !== 'true') return false;
        const length = last.innerText.trim().length;
        return length > longerThan ? length : false;
      },
      [REPLY, chars] as const,
      { timeout: STEP_TIMEOUT_MS },
    );
    return (await handle.jsonValue()) as number;
  }

  test(
    'the signed-out page offers the development sign-in and has no serious or critical accessibility violations',
    async () => {
      const { page, app } = suite;
      await page.goto(app.base);
      // The page renders after its script loads: wait for it, then look.
      await page.getByRole('textbox', { name: 'Name' }).waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(page, 'signed-out');
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'signing in opens the chat, and the page script cannot read the session token (httpOnly cookie)',
    async () => {
      const { page, app, context } = suite;
      await signIn(page, app.base, 'Cookie Reader');
      await composer(page).waitFor();
      await threads(page).getByRole('button', { name: 'New chat' }).waitFor();
      const session = (await context.cookies(app.base)).find((cookie) => cookie.name === 'chatwire_session');
      expect(session).toMatchObject({ httpOnly: true, path: '/' });
      expect(await page.evaluate(() => document.cookie)).not.toContain('chatwire_session');
      expect(await page.evaluate(() => document.cookie)).not.toContain(session!.value);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a reply streams in: its text grows while it is aria-busy, then it settles with the whole answer',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Stream Watcher');
      const answer =
        'Acme Notes has three plans: Free, Plus at $8 a month, and Team at $15 per user a month. Every plan syncs with end-to-end encryption.';
      suite.mock.reply({ text: deltas(answer, 6), eventDelayMs: 120 });
      await send(page, 'Which plans are there?');

      const first = await busyReplyLongerThan(page, 0);
      await busyReplyLongerThan(page, first);
      await page.getByRole('button', { name: 'Stop' }).waitFor();

      expect(await settledReply(page)).toContain(answer);
      expect(await page.locator('[data-item-type="user_message"]').last().innerText()).toContain('Which plans are there?');
      await page.getByRole('button', { name: 'Send', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    "the page's title and headings reach the model inside the delimited context block",
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Context Checker');
      const before = replyRequests(suite.mock.requests).length;
      suite.mock.reply({ text: ['Noted.'] });
      await send(page, 'Where do I read about working offline?');
      const request = await replyRequest(before);
      await settledReply(page);

      const block = contextBlock(request);
      expect(block?.page?.title).toBe(await page.title());
      expect(block?.page?.headings).toEqual(
        expect.arrayContaining(['Getting started with Acme Notes', 'Plans and pricing', 'Working offline']),
      );
      expect(block?.page?.url).toBe(`${app.base}/`);
      // The question itself is the user's message, not part of the context data.
      expect(request.rawBody).toContain('Where do I read about working offline?');
      expect(JSON.stringify(block)).not.toContain('Where do I read about working offline?');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    "Stop ends a reply mid-stream: the model's connection is closed, and the page shows the text the server kept",
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Impatient Reader');
      const before = replyRequests(suite.mock.requests).length;
      const words = Array.from({ length: 300 }, (_, i) => `word${i} `);
      suite.mock.reply({ text: words, eventDelayMs: 40 });
      await send(page, 'Tell me everything about notebooks.');
      const request = await replyRequest(before);
      await busyReplyLongerThan(page, 'word0 word1 word2'.length);

      // The page asks the server to stop the reply (chatwire.threads.stop), then reloads the thread.
      const stopped = page.waitForResponse(
        (response) => response.request().postData()?.includes('"chatwire.threads.stop"') ?? false,
      );
      const refreshed = page.waitForResponse(
        async (response) =>
          (await stopped.then(() => true)) && (response.request().postData()?.includes('"threads.get_by_id"') ?? false),
      );
      await page.getByRole('button', { name: 'Stop' }).click();
      const closedEarly = await Promise.race([request.closed, sleep(STEP_TIMEOUT_MS).then(() => 'still open')]);
      expect(closedEarly).toBe(true);
      expect((await stopped).status()).toBe(200);
      await refreshed;

      const partial = await settledReply(page);
      expect(partial).toMatch(/^word0 word1 word2/);
      expect(partial).not.toContain('word299');
      await page.getByRole('button', { name: 'Send', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
      // What the page shows is what the server kept, and it does not keep growing after Stop.
      await sleep(300);
      expect((await lastReply(page).innerText()).trim()).toBe(partial);
      await page.reload();
      await composer(page).waitFor();
      // This user's only thread, by whatever title it has now.
      const title = (await threads(page).getByRole('listitem').first().innerText()).trim();
      await openThread(page, title);
      await page.locator('[data-item-type="user_message"]').waitFor();
      // The app stored exactly the stopped reply the page showed after Stop.
      expect(await settledReply(page)).toBe(partial);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'Retry replaces the latest reply with a new one from the model',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Second Opinion');
      const before = replyRequests(suite.mock.requests).length;
      suite.mock.reply({ text: ['The first ', 'answer.'] });
      await send(page, 'How do I share a notebook?');
      expect(await settledReply(page)).toContain('The first answer.');

      suite.mock.reply({ text: ['Open it, choose ', 'Share and enter ', 'an email address.'] });
      await lastReply(page).getByRole('button', { name: 'Retry' }).click();
      await page.getByText('Open it, choose Share and enter an email address.').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await settledReply(page)).toContain('Open it, choose Share and enter an email address.');
      expect(await page.locator(REPLY).count()).toBe(1);
      expect(await page.getByText('The first answer.').count()).toBe(0);
      expect(replyRequests(suite.mock.requests).length).toBe(before + 2);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'Good response reaches the server and is stored with the reply it rates',
    async () => {
      const { page, app } = suite;
      const userId = await signIn(page, app.base, 'Happy Customer');
      suite.mock.reply({ text: ['Exports of up to 10 GB ', 'are ready within minutes.'] });
      await send(page, 'How long does an export take?');
      await settledReply(page);
      const replyId = await lastReply(page).getAttribute('data-item-id');
      expect(replyId).toBeTruthy();

      const good = lastReply(page).getByRole('button', { name: 'Good response' });
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/chatkit' && response.request().postData()?.includes('"items.feedback"') === true,
        { timeout: STEP_TIMEOUT_MS },
      );
      await good.click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(response.request().postDataJSON()).toMatchObject({
        type: 'items.feedback',
        params: { item_ids: [replyId], kind: 'positive' },
      });
      expect(await good.getAttribute('aria-pressed')).toBe('true');

      const stored = await app.storedFeedback(userId);
      expect(stored).toEqual([expect.objectContaining({ item_id: replyId, kind: 'positive' })]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a thread is renamed and another deleted from the Threads navigation, and both changes survive a reload',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Tidy Person');
      const nav = threads(page);

      suite.mock.wholeText = 'Plans question';
      suite.mock.reply({ text: ['There are three plans.'] });
      await send(page, 'What plans are there?');
      await settledReply(page);
      await nav.getByRole('button', { name: 'Plans question', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });

      await nav.getByRole('button', { name: 'New chat' }).click();
      suite.mock.wholeText = 'Offline question';
      suite.mock.reply({ text: ['Notebooks opened in the last 30 days are kept on the device.'] });
      await send(page, 'How does offline mode work?');
      await settledReply(page);
      await nav.getByRole('button', { name: 'Offline question', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });

      const row = (title: string) => nav.getByRole('listitem').filter({ hasText: title });
      // As a user with a mouse does: the row's actions show on hover.
      await row('Plans question').hover();
      await row('Plans question').getByRole('button', { name: 'Rename' }).click();
      const titleBox = nav.getByRole('textbox');
      await titleBox.fill('Team pricing');
      await titleBox.press('Enter');
      await nav.getByRole('button', { name: 'Team pricing', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });

      await row('Offline question').hover();
      await row('Offline question').getByRole('button', { name: 'Delete' }).click();
      await row('Offline question')
        .getByRole('button', { name: /delete/i })
        .click();
      await nav
        .getByRole('button', { name: 'Offline question', exact: true })
        .waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'threads-after-rename-and-delete');

      await page.reload();
      await nav.getByRole('button', { name: 'Team pricing', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await nav.getByRole('button', { name: 'Offline question', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('button', { name: 'Plans question', exact: true }).count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a reload keeps the session, the thread, its messages and its replies',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Returning Reader');
      suite.mock.wholeText = 'Exporting notes';
      suite.mock.reply({ text: ['Use Settings → Export; ', 'it writes Markdown files.'] });
      await send(page, 'How do I export my notes?');
      await settledReply(page);
      suite.mock.reply({ text: ['Exports up to 10 GB ', 'are ready within minutes.'] });
      await send(page, 'How big can an export be?');
      await settledReply(page);
      await threads(page).getByRole('button', { name: 'Exporting notes', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });

      await page.reload();
      await composer(page).waitFor({ timeout: STEP_TIMEOUT_MS });
      await openThread(page, 'Exporting notes');
      await page.getByText('Exports up to 10 GB are ready within minutes.').waitFor({ timeout: STEP_TIMEOUT_MS });
      const items = await page
        .locator('[data-item-type]')
        .evaluateAll((elements) =>
          elements.map(
            (element) => `${element.getAttribute('data-item-type')}: ${(element as HTMLElement).innerText.trim().split('\n')[0]}`,
          ),
        );
      expect(items).toEqual([
        'user_message: How do I export my notes?',
        'assistant_message: Use Settings → Export; it writes Markdown files.',
        'user_message: How big can an export be?',
        'assistant_message: Exports up to 10 GB are ready within minutes.',
      ]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a reply with a table, a code block and a list has no serious or critical accessibility violations',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Careful Auditor');
      suite.mock.wholeText = 'Team plan details';
      suite.mock.reply({ text: deltas(RICH_ANSWER, 24) });
      await send(page, 'What does the Team plan cost, and how do I export?');
      await settledReply(page);
      await page.getByRole('table').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'chat-reply');
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the dark theme turns the page and the chat dark and keeps it accessible',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Night Owl');
      suite.mock.wholeText = 'Team plan details';
      suite.mock.reply({ text: deltas(RICH_ANSWER, 24) });
      await send(page, 'What does the Team plan cost, and how do I export?');
      await settledReply(page);

      const toggle = page.getByRole('button', { name: 'Dark theme' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      // The chat's own background (the nearest painted one behind the composer) and the reply's text.
      const colors = await page.evaluate((selector) => {
        const luminance = (color: string) => {
          const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((value) => Number(value) / 255) as [
            number,
            number,
            number,
          ];
          const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        };
        const painted = (element: Element | null): string => {
          for (let node = element; node; node = node.parentElement) {
            const background = getComputedStyle(node).backgroundColor;
            if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') return background;
          }
          return getComputedStyle(document.documentElement).backgroundColor;
        };
        const reply = document.querySelector(selector);
        return {
          chatBackground: luminance(painted(document.querySelector('[aria-label="Message"]')?.parentElement ?? null)),
          pageBackground: luminance(painted(document.body)),
          replyText: luminance(getComputedStyle(reply?.querySelector('p') ?? document.body).color),
        };
      }, REPLY);
      expect(colors.chatBackground).toBeLessThan(0.1);
      expect(colors.pageBackground).toBeLessThan(0.1);
      expect(colors.replyText).toBeGreaterThan(0.5);
      await screenshot(page, 'dark-theme');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The choice is remembered.
      await page.reload();
      await composer(page).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'at phone width the chat fits the screen, nothing scrolls sideways and it stays accessible',
    async () => {
      const page = await suite.useContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await page.goto(suite.app.base);
      await screenshot(page, 'phone-signed-out');
      const signedOutOverflow = await horizontalOverflow(page);
      expect(signedOutOverflow.scrollWidth, JSON.stringify(signedOutOverflow)).toBeLessThanOrEqual(signedOutOverflow.innerWidth);

      await signIn(page, suite.app.base, 'Phone User');
      suite.mock.wholeText = 'Team plan details';
      suite.mock.reply({ text: deltas(RICH_ANSWER, 24) });
      await send(page, 'What does the Team plan cost, and how do I export?');
      await settledReply(page);
      await page.getByRole('table').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'phone-chat');
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, JSON.stringify(overflow)).toBeLessThanOrEqual(overflow.innerWidth);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The thread list is one tap away (a control that reveals the Threads navigation).
      const nav = threads(page);
      if (!(await nav.isVisible())) {
        const navId = await page.getByRole('navigation', { name: 'Threads', includeHidden: true }).getAttribute('id');
        await page.locator(`[aria-controls="${navId}"]`).click();
      }
      await nav.getByRole('button', { name: 'Team plan details', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'phone-threads');
      const drawerOverflow = await horizontalOverflow(page);
      expect(drawerOverflow.scrollWidth, JSON.stringify(drawerOverflow)).toBeLessThanOrEqual(drawerOverflow.innerWidth);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
