import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from '@chatwire/test-support/mock-openai';
import { describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, elementScreenshot, PHONE, screenshot } from './support/browser.js';
import {
  composer,
  contextBlock,
  REPLY,
  replyRequests,
  send,
  settledReply,
  signIn,
  STEP_TIMEOUT_MS,
  threads,
} from './support/chat-page.js';
import { gradientPng } from './support/png.js';
import { mockModelSuite } from './support/suite.js';

/**
 * The composer of the app's page against the real app, whose model is the mock behind
 * `OPENAI_BASE_URL` (Chat Completions): attachments, @-mentions of the page's sections, the
 * "Read this page" composer tool, math in replies, the Arabic (right-to-left) chat and the header.
 * Each test looks at what reached the model.
 */

const canRun = browserTestsCanRun();
const PICTURE = gradientPng(320, 200, [96, 165, 250], [244, 114, 182]);

interface ChatBody {
  model?: string;
  tool_choice?: unknown;
  messages?: { role: string; content: unknown }[];
}

const bodyOf = (request: RecordedRequest) => request.body as ChatBody;

/** Every content part of every user message of a Chat Completions request. */
function userParts(request: RecordedRequest): { type?: string; text?: string; image_url?: { url?: string } }[] {
  return (bodyOf(request).messages ?? [])
    .filter((message) => message.role === 'user')
    .flatMap((message) =>
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : (message.content as never[]),
    );
}

describe.skipIf(!canRun)('the composer on the app page, with the mock model', () => {
  const suite = mockModelSuite();

  /** The streamed model request for the reply `work` causes. */
  async function replyRequestOf(work: () => Promise<void>): Promise<RecordedRequest> {
    const before = replyRequests(suite.mock.requests).length;
    await work();
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const request = replyRequests(suite.mock.requests)[before];
      if (request) return request;
      if (Date.now() > deadline) throw new Error('The model was not asked for a reply');
      await sleep(25);
    }
  }

  const tray = (page: Page) => page.getByRole('list', { name: 'Attachments' }).first();

  test(
    'an image attached with the picker shows its preview, is sent with the message, shows in it, and reaches the model as the image',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Picture Sender');
      await page.locator('input[type="file"]').setInputFiles([
        { name: 'gradient.png', mimeType: 'image/png', buffer: PICTURE },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Remember the Team plan.') },
      ]);
      const preview = tray(page).getByRole('img', { name: 'gradient.png' });
      await preview.waitFor();
      await tray(page).getByText('notes.txt').waitFor();
      // Both uploads finished: Send is enabled once nothing is uploading.
      await composer(page).fill('What colours are in this picture?');
      await page.getByRole('button', { name: 'Send', exact: true }).and(page.locator(':enabled')).waitFor();
      await screenshot(page, 'composer-attachments-desktop');

      suite.mock.reply({ text: ['Blue fading into pink.'] });
      const request = await replyRequestOf(() => page.getByRole('button', { name: 'Send', exact: true }).click());
      expect(await settledReply(page)).toContain('Blue fading into pink.');

      // The model got the picture's own bytes, as a data URL (it could not fetch the app's preview URL).
      const images = userParts(request).filter((part) => part.type === 'image_url');
      expect(images.map((part) => part.image_url?.url)).toEqual([`data:image/png;base64,${PICTURE.toString('base64')}`]);
      expect(JSON.stringify(userParts(request))).toContain('notes.txt');

      // The sent message shows the picture, loaded from the app (the preview URL, same origin, the session cookie).
      const message = page.locator('[data-item-type="user_message"]').last();
      const shown = message.getByRole('img', { name: 'gradient.png' });
      await shown.waitFor();
      await page.waitForFunction(
        (element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth === 320,
        await shown.elementHandle(),
      );
      expect(await message.innerText()).toContain('notes.txt');
      expect(await tray(page).count()).toBe(1); // only the message's list; the composer's tray is empty
      await elementScreenshot(message, 'attachment-sent-message');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'files dropped on the chat or pasted into the message box are attached; removing one takes it off',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Drag And Drop');
      await page.evaluate(
        (bytes) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
          const target = document.querySelector('.cw-main')!;
          for (const type of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        [...PICTURE],
      );
      await tray(page).getByRole('img', { name: 'dropped.png' }).waitFor();
      await composer(page).evaluate((box, text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'pasted.txt', { type: 'text/plain' }));
        box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, 'pasted words');
      await tray(page).getByText('pasted.txt').waitFor();

      const deleted = page.waitForRequest(
        (request) =>
          new URL(request.url()).pathname === '/chatkit' && request.postData()?.includes('"attachments.delete"') === true,
      );
      await page.getByRole('button', { name: 'Remove dropped.png' }).click();
      await deleted;
      expect(await tray(page).getByRole('img').count()).toBe(0);
      await tray(page).getByText('pasted.txt').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  for (const [label, viewport] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const) {
    test(
      `an @-mention of a page section is picked from the suggestions and reaches the model as a tag (${label})`,
      async () => {
        const page = viewport ? await suite.useContext({ viewport }) : suite.page;
        await signIn(page, suite.app.base, `Mentioner ${label}`);
        await composer(page).fill('');
        await composer(page).pressSequentially('What does @pla', { delay: 20 });
        const suggestions = page.getByRole('listbox', { name: 'Mention suggestions' });
        await suggestions.getByRole('option', { name: 'Plans and pricing' }).waitFor();
        await screenshot(page, `composer-mention-menu-${label}`);
        await composer(page).press('Enter');
        expect(await composer(page).inputValue()).toBe('What does @Plans and pricing ');
        await composer(page).pressSequentially('say about seats?');

        suite.mock.reply({ text: ['The Team plan is per seat.'] });
        const request = await replyRequestOf(() => composer(page).press('Enter'));
        await settledReply(page);
        const text = JSON.stringify(userParts(request));
        expect(text).toContain('What does @Plans and pricing say about seats?');
        // The entity itself, with its data, as the tag note the agent writes for every tag.
        expect(text).toContain('Entities the user @-mentioned');
        expect(text).toMatch(/- Plans and pricing: \{[^}]*\\"section\\":\\"plans\\"/);

        // In the sent message the tag is a button; clicking it scrolls the page to the section.
        const tag = page.locator('[data-item-type="user_message"]').last().getByRole('button', { name: '@Plans and pricing' });
        await tag.click();
        await page.waitForFunction(() => {
          const top = document.getElementById('plans')?.getBoundingClientRect().top ?? 9999;
          return top >= -5 && top < 200;
        });
      },
      BROWSER_TEST_TIMEOUT_MS,
    );

    test(
      `a tool picked from the composer's Tools menu reaches the model request as its tool choice (${label})`,
      async () => {
        const page = viewport ? await suite.useContext({ viewport }) : suite.page;
        await signIn(page, suite.app.base, `Tool User ${label}`);
        await page.getByRole('button', { name: 'Tools' }).click();
        const menu = page.getByRole('menu', { name: 'Tools' });
        await menu.getByRole('menuitemradio', { name: 'Read this page' }).waitFor();
        await screenshot(page, `composer-tools-menu-${label}`);
        await menu.getByRole('menuitemradio', { name: 'Read this page' }).click();
        await page.getByRole('button', { name: 'Remove Read this page' }).waitFor();
        expect(await composer(page).getAttribute('placeholder')).toBe('Ask something the page answers…');
        await composer(page).fill('What is on this page?');
        await screenshot(page, `composer-tool-chosen-${label}`);

        suite.mock.reply({ text: ['It covers plans, sharing and offline use.'] });
        const request = await replyRequestOf(() => page.getByRole('button', { name: 'Send', exact: true }).click());
        await settledReply(page);
        expect(bodyOf(request).tool_choice).toEqual({ type: 'function', function: { name: 'read_page_context' } });
        // Not persistent: the next message goes without it.
        expect(await page.getByRole('button', { name: 'Remove Read this page' }).count()).toBe(0);
        suite.mock.reply({ text: ['Sure.'] });
        const next = await replyRequestOf(() => send(page, 'Thanks!'));
        await settledReply(page);
        expect(JSON.stringify(bodyOf(next).tool_choice ?? null)).not.toContain('read_page_context');
      },
      BROWSER_TEST_TIMEOUT_MS,
    );
  }

  test(
    'math in a reply is typeset (inline and display), the formula chunk loaded on demand',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Math Reader');
      const chunk = page.waitForResponse((response) => /math/.test(new URL(response.url()).pathname), {
        timeout: STEP_TIMEOUT_MS,
      });
      suite.mock.reply({
        text: [
          'Storage grows linearly: with $n$ seats the Team plan gives $S(n) = n \\cdot 1\\,\\text{TB}$.\n\n',
          'Yearly billing saves two months:\n\n$$\n\\text{price}_{\\text{year}} = 12p - 2p = 10p\n$$\n\n',
          'And the quadratic formula, for fun: \\[x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\\]',
        ],
      });
      await send(page, 'How does storage scale?');
      await settledReply(page);
      expect((await chunk).status()).toBe(200);
      const reply = page.locator(REPLY).last();
      await reply.locator('math').nth(3).waitFor();
      const shape = await reply.evaluate((element) =>
        [...element.querySelectorAll('math')].map((math) => ({
          tex: math.querySelector('annotation')?.textContent,
          display: getComputedStyle(math).display,
        })),
      );
      expect(shape).toEqual([
        { tex: 'n', display: 'math' },
        { tex: 'S(n) = n \\cdot 1\\,\\text{TB}', display: 'math' },
        { tex: '\\text{price}_{\\text{year}} = 12p - 2p = 10p', display: 'block math' },
        { tex: 'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}', display: 'block math' },
      ]);
      expect(await reply.locator('.cw-math-source').count()).toBe(0);
      await elementScreenshot(reply, 'math-reply');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  for (const [label, viewport] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const) {
    test(
      `with ?locale=ar the chat speaks Arabic and lays out right to left (${label})`,
      async () => {
        const page = viewport ? await suite.useContext({ viewport }) : suite.page;
        await page.goto(`${suite.app.base}/?locale=ar`);
        await page.getByRole('textbox', { name: 'Name' }).fill(`قارئ ${label}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        const box = page.getByRole('textbox', { name: 'الرسالة' });
        await box.waitFor();
        const root = page.locator('.cw-root');
        expect(await root.getAttribute('dir')).toBe('rtl');
        expect(await root.getAttribute('lang')).toBe('ar');

        suite.mock.wholeText = 'خطة الفريق';
        suite.mock.reply({
          text: ['تكلّف خطة **الفريق** ١٥ دولارًا لكل مستخدم شهريًا، وتشمل:\n\n', '- أجهزة غير محدودة\n', '- ١ تيرابايت لكل مستخدم'],
        });
        const request = await replyRequestOf(async () => {
          await box.fill('كم تكلفة خطة الفريق؟');
          await page.getByRole('button', { name: 'إرسال', exact: true }).click();
        });
        await settledReply(page);
        // The chat's locale reaches the model as part of the context data.
        expect(contextBlock(request)).toMatchObject({ locale: 'ar' });
        await page.getByRole('button', { name: 'نسخ', exact: true }).waitFor();
        if (!viewport)
          await page.getByRole('navigation', { name: 'المحادثات' }).getByRole('button', { name: 'خطة الفريق' }).waitFor();
        else await page.getByRole('button', { name: 'إظهار المحادثات' }).waitFor();

        // Mirrored: the user's bubble hugs the left edge, the reply starts at the right.
        const layout = await page.evaluate(() => {
          const main = document.querySelector('.cw-items')!.getBoundingClientRect();
          const bubble = document.querySelector('.cw-user')!.getBoundingClientRect();
          const reply = document.querySelector('.cw-assistant p')!.getBoundingClientRect();
          const nav = document.querySelector('.cw-threads')?.getBoundingClientRect();
          const chat = document.querySelector('.cw-main')!.getBoundingClientRect();
          return {
            bubbleFromLeft: bubble.left - main.left,
            replyFromRight: main.right - reply.right,
            threadsOnTheRight: nav && nav.width > 0 ? nav.left >= chat.right - 1 : null,
          };
        });
        expect(layout.bubbleFromLeft).toBeLessThan(2);
        expect(layout.replyFromRight).toBeLessThan(2);
        if (!viewport) expect(layout.threadsOnTheRight).toBe(true);
        await screenshot(page, `rtl-arabic-${label}`);
        await elementScreenshot(page.locator('#assistant'), `rtl-arabic-${label}-chat`);
      },
      BROWSER_TEST_TIMEOUT_MS,
    );
  }

  test(
    'New chat is one click in the header where the thread list is a drawer (1200 px), and the thread title is whole beside the chat (1280 px)',
    async () => {
      const page = await suite.useContext({ viewport: { width: 1200, height: 800 } });
      await signIn(page, suite.app.base, 'Header Reader');
      suite.mock.wholeText = 'Team plan cost per seat';
      suite.mock.reply({ text: ['Fifteen dollars.'] });
      await send(page, 'What does the Team plan cost per seat?');
      await settledReply(page);
      expect(await threads(page).isVisible()).toBe(false);
      const newChat = page.locator('.cw-header').getByRole('button', { name: 'New chat' });
      await newChat.click();
      await page.getByRole('heading', { name: 'How can I help with Acme Notes?' }).waitFor();
      expect(await page.locator('[data-item-type]').count()).toBe(0);

      await page.setViewportSize({ width: 1280, height: 800 });
      const row = threads(page).getByRole('button', { name: 'Team plan cost per seat' });
      await row.waitFor();
      // The open thread's title, and every other, is shown whole: two lines before anything is cut.
      const label = row.locator('.cw-thread-label');
      expect(await label.evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(true);
      expect(await page.locator('.cw-header').getByRole('button', { name: 'New chat' }).isVisible()).toBe(false);
      await screenshot(page, 'header-and-threads-1280');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
