import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, describe, expect, test } from 'vitest';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, PHONE, screenshot } from './support/browser.js';
import { REPLY, replyRequests, settledReply, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { browserSuite } from './support/suite.js';

/**
 * `examples/plain-html/index.html` as a site without React would have it: served from its own
 * origin, loading `/chatwire.js` and `/chatwire.css` from the real app (its address swapped for
 * the test app's, as `npm run example:html` does), signing in with a development token and
 * talking to the app cross-origin. The app's model is the mock.
 */

const canRun = browserTestsCanRun();

/** The element's methods as the page's scripts see them. */
type ChatElement = HTMLElement & {
  options: { api?: unknown } | null;
  setOptions(options: Record<string, unknown>): void;
  focusComposer(): Promise<void>;
};
const EXAMPLE = fileURLToPath(new URL('../examples/plain-html/index.html', import.meta.url));

describe.skipIf(!canRun)('<chatwire-chat> on the plain HTML example page', () => {
  let mock: MockOpenAI;
  let site: Server;
  let siteUrl = '';
  const suite = browserSuite(
    async () => {
      mock = await startMockOpenAI();
      site = createServer((request, response) => {
        void readFile(EXAMPLE, 'utf8').then((html) => {
          if (request.url !== '/') return void response.writeHead(404).end();
          response
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(html.replaceAll('http://127.0.0.1:8787', suite.app.base));
        });
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      return {
        OPENAI_BASE_URL: mock.baseURL,
        OPENAI_API_KEY: 'sk-e2e-dummy-key',
        CHATWIRE_MODEL: 'mock-model',
        CHATWIRE_MODELS: 'mock-large',
        CHATWIRE_ALLOWED_ORIGINS: siteUrl,
      };
    },
    // A microphone that plays a tone, granted without asking: dictation records something real.
    { browserArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
  );
  afterAll(async () => {
    await mock?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  const chat = (page: Page) => page.locator('chatwire-chat');
  const events = (page: Page) => page.getByRole('list', { name: 'Chat events' });

  async function open(page: Page): Promise<void> {
    await page.goto(siteUrl);
    await events(page).getByText('chatwire.ready').waitFor();
    await chat(page).getByRole('textbox', { name: 'Message' }).waitFor();
  }

  test(
    'the element loads from the app, signs in with a token, streams a reply and reports its events as DOM events',
    async () => {
      const { page } = suite;
      await open(page);
      expect(await page.evaluate(() => customElements.get('chatwire-chat') !== undefined)).toBe(true);
      // The page has no React of its own; the element brought it.
      expect(await page.evaluate(() => 'React' in window)).toBe(false);

      const answer = 'Acme Support can answer questions about your orders, your account and our plans.';
      mock.reply({ text: answer.match(/.{1,8}/g)!, eventDelayMs: 60 });
      await chat(page).getByRole('button', { name: 'What can you do?' }).click();
      await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-busy') === 'true', REPLY);
      expect(await settledReply(page)).toContain(answer);
      await events(page)
        .getByText(/^chatkit\.response\.end .*"outcome":"completed"/)
        .waitFor();
      const log = await events(page).locator('li').allInnerTexts();
      expect(log[0]).toBe('chatwire.ready');
      expect(log.filter((line) => line.startsWith('chatkit.response.start'))).toHaveLength(1);
      expect(log.some((line) => /^chatkit\.thread\.change \{"threadId":"thr_/.test(line))).toBe(true);
      // The app's model request came from the signed-in visitor's reply.
      expect(replyRequests(mock.requests).at(-1)?.rawBody).toContain('What can you help me with?');
      await screenshot(page, 'plain-html-element-desktop');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'setOptions replaces the options: a model picker appears, and the allowed model picked in it answers',
    async () => {
      const page = await suite.useContext({ viewport: PHONE });
      await open(page);
      await page.evaluate(async () => {
        const element = document.querySelector<ChatElement>('chatwire-chat')!;
        element.setOptions({
          api: element.options?.api,
          composer: {
            models: [
              { id: 'mock-model', label: 'Standard', description: 'Quick answers', default: true },
              { id: 'mock-large', label: 'Thorough', description: 'Slower, more careful' },
            ],
          },
        });
        await element.focusComposer();
      });
      // The options were replaced: the header title and the start prompts of the first call are gone.
      await chat(page).getByRole('button', { name: 'Model: Standard' }).click();
      await chat(page)
        .getByRole('menuitemradio', { name: /Thorough/ })
        .waitFor();
      await screenshot(page, 'plain-html-model-menu-phone');
      expect(await chat(page).getByRole('button', { name: 'What can you do?' }).count()).toBe(0);
      await chat(page)
        .getByRole('menuitemradio', { name: /Thorough/ })
        .click();
      await chat(page).getByRole('button', { name: 'Model: Thorough' }).waitFor();

      const before = replyRequests(mock.requests).length;
      mock.reply({ text: ['Carefully: yes.'] });
      await chat(page).getByRole('textbox', { name: 'Message' }).fill('Is it worth it?');
      await chat(page).getByRole('textbox', { name: 'Message' }).press('Enter');
      expect(await settledReply(page)).toContain('Carefully: yes.');
      const request = replyRequests(mock.requests)[before];
      expect((request?.body as { model?: string }).model).toBe('mock-large');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'dictation records from the microphone; the app has no transcriber, so the chat says dictation is not available and goes on without it',
    async () => {
      const { page } = suite;
      await open(page);
      await page.evaluate(() => {
        const element = document.querySelector<ChatElement>('chatwire-chat')!;
        element.setOptions({ api: element.options?.api, composer: { dictation: { enabled: true } } });
      });
      const box = chat(page).getByRole('textbox', { name: 'Message' });
      await box.fill('Draft kept');
      await chat(page).getByRole('button', { name: 'Dictate' }).click();
      await chat(page).getByRole('button', { name: 'Stop dictation' }).waitFor();
      await sleep(700);
      const transcribe = page.waitForResponse(
        (response) => response.request().postData()?.includes('"input.transcribe"') === true,
        { timeout: STEP_TIMEOUT_MS },
      );
      await chat(page).getByRole('button', { name: 'Stop dictation' }).click();
      const answered = await transcribe;
      expect(answered.status()).toBe(501);
      const sent = answered.request().postDataJSON() as { params: { audio_base64: string; mime_type: string } };
      expect(sent.params.mime_type).toMatch(/^audio\//);
      expect(sent.params.audio_base64.length).toBeGreaterThan(100);

      await chat(page).getByText('Dictation is not available in this chat.').waitFor();
      expect(await chat(page).getByRole('button', { name: 'Dictate' }).count()).toBe(0);
      expect(await box.inputValue()).toBe('Draft kept');
      await screenshot(page, 'plain-html-dictation-unavailable');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
