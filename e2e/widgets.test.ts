import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Request } from 'playwright-core';
import type { RecordedRequest } from '@chatwire/test-support/mock-openai';
import { WIDGET_SPEC_COMPONENTS } from '@chatwire/test-support/widget-spec';
import { describe, expect, test } from 'vitest';
import {
  browserTestsCanRun,
  BROWSER_TEST_TIMEOUT_MS,
  elementScreenshot,
  PHONE,
  screenshot,
  seriousAxeViolations,
} from './support/browser.js';
import { horizontalOverflow, REPLY, replyRequests, send, settledReply, signIn, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { mockModelSuite } from './support/suite.js';

/**
 * Widgets and the other rich items on the app's page, against the real app with the demo tools on
 * (`CHATWIRE_DEMO_TOOLS=on`) and the mock model (Responses API) calling them: the gallery of every
 * widget component, actions that update a widget in place (streamed, sync, a form, a list), the
 * page's own renderer, a reasoning workflow, a client tool, structured input, a client effect and
 * a generated image.
 */

const canRun = browserTestsCanRun();

describe.skipIf(!canRun)('widgets and rich items on the app page, with the mock model', () => {
  const suite = mockModelSuite({ CHATWIRE_MODEL_API: 'responses', CHATWIRE_DEMO_TOOLS: 'on' });

  /** The ChatKit request types the page sends from now on. */
  function chatkitRequests(page: Page): string[] {
    const types: string[] = [];
    page.on('request', (request: Request) => {
      if (new URL(request.url()).pathname !== '/chatkit') return;
      const body = request.postDataJSON() as { type?: unknown } | null;
      if (typeof body?.type === 'string') types.push(body.type);
    });
    return types;
  }

  /** The streamed model request made after `before` of them, once it arrives. */
  async function replyRequest(before: number): Promise<RecordedRequest> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const request = replyRequests(suite.mock.requests)[before];
      if (request) return request;
      if (Date.now() > deadline) throw new Error('The model was not asked again');
      await sleep(25);
    }
  }

  async function showGallery(page: Page): Promise<void> {
    suite.mock.reply({ toolCalls: [{ name: 'show_widget_gallery', arguments: {} }] }, { text: ['Here is the gallery.'] });
    await send(page, 'Show me the widget gallery');
    expect(await settledReply(page)).toContain('Here is the gallery.');
    await page.locator('[data-widget-type="Chart"]').waitFor();
  }

  const galleryCard = (page: Page) =>
    page.locator('[data-item-type="widget"]').filter({ has: page.locator('[data-widget-type="Chart"]') });
  const count = (page: Page) => galleryCard(page).locator('[data-widget-type="Box"] [data-widget-type="Text"]').first();

  test(
    'the gallery renders every widget component, its text streamed, the page’s own component through its renderer',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Widget Gallery');
      await showGallery(page);
      const missing: string[] = [];
      for (const type of WIDGET_SPEC_COMPONENTS) {
        if ((await page.locator(`[data-widget-type="${type}"]`).count()) === 0) missing.push(type);
      }
      expect(missing).toEqual([]);
      // The streamed sentence arrived whole, its caret gone.
      const streamed = galleryCard(page).getByText('This sentence streams in word by word, as a model would write it.');
      await streamed.waitFor();
      expect(await streamed.getAttribute('data-streaming')).toBeNull();
      // The picture loaded (inline data), and the chart names its series.
      await page.waitForFunction(() => {
        const image = document.querySelector('img[data-widget-type="Image"]');
        return image instanceof HTMLImageElement && image.complete && image.naturalWidth === 96;
      });
      await page.getByRole('img', { name: 'Chart: Visits, Sign-ups' }).waitFor();
      // The page registered a renderer for `DemoRating`; the chat drew the page's component.
      await page.getByRole('img', { name: /A custom component .*: 4 of 5/ }).waitFor();
      // The ListView shows three of its four rows until asked for the rest.
      const list = page.locator('[data-widget-type="ListView"]');
      expect(await list.locator('[data-widget-type="ListViewItem"]').count()).toBe(3);
      await list.getByRole('button', { name: 'Show 1 more' }).click();
      expect(await list.locator('[data-widget-type="ListViewItem"]').count()).toBe(4);

      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'widget-gallery-page');
      // Tall enough for the whole card to be on screen at once.
      await page.setViewportSize({ width: 1280, height: 2000 });
      await galleryCard(page).scrollIntoViewIfNeeded();
      await elementScreenshot(galleryCard(page), 'widget-gallery');
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await elementScreenshot(galleryCard(page), 'widget-gallery-dark');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'on a phone the gallery fits the screen: nothing scrolls sideways',
    async () => {
      const page = await suite.useContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      await signIn(page, suite.app.base, 'Phone Gallery');
      await showGallery(page);
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, overflow.widest.join(', ')).toBeLessThanOrEqual(overflow.innerWidth);
      await galleryCard(page).scrollIntoViewIfNeeded();
      await screenshot(page, 'widget-gallery-phone');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'in Arabic the widgets lay out right to left and their own words are Arabic',
    async () => {
      const { page, app } = suite;
      await page.goto(`${app.base}/?locale=ar`);
      await page.getByRole('textbox', { name: 'Name' }).fill('قارئ الأدوات');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const box = page.getByRole('textbox', { name: 'الرسالة' });
      await box.waitFor();
      suite.mock.reply({ toolCalls: [{ name: 'show_widget_gallery', arguments: {} }] }, { text: ['هذا هو المعرض.'] });
      await box.fill('أرني المعرض');
      await page.getByRole('button', { name: 'إرسال', exact: true }).click();
      await page.locator('[data-widget-type="Chart"]').waitFor();
      // The list's "Show more" is the chat's word, in Arabic; rows start at the right edge.
      const list = page.locator('[data-widget-type="ListView"]');
      await list.getByRole('button', { name: 'عرض 1 إضافية' }).waitFor();
      const layout = await page.evaluate(() => {
        const card = document.querySelector('[data-widget-type="Card"]')!.getBoundingClientRect();
        const counter = [...document.querySelectorAll('[data-widget-type="Box"] [data-widget-type="Row"]')][0]!;
        const count = counter.querySelector('[data-widget-type="Text"]')!.getBoundingClientRect();
        const button = counter.querySelector('[data-widget-type="Button"]:last-child')!.getBoundingClientRect();
        return { countFromRight: card.right - count.right, buttonLeftOfCount: button.right <= count.left };
      });
      expect(layout.countFromRight).toBeLessThan(40);
      expect(layout.buttonLeftOfCount).toBe(true);
      await page.setViewportSize({ width: 1280, height: 2000 });
      await elementScreenshot(galleryCard(page), 'widget-gallery-rtl');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a button action and a sync action update the counter in place, and what they did survives a reload',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Counter Clicker');
      const types = chatkitRequests(page);
      await showGallery(page);
      const before = await count(page).elementHandle();
      expect(await count(page).innerText()).toBe('0');
      const add = galleryCard(page).getByRole('button', { name: 'Add one' });
      await add.click();
      // The button shows that its action runs, then the count changes where it is.
      await galleryCard(page).locator('button[aria-busy="true"]', { hasText: 'Add one' }).waitFor();
      await page.waitForFunction((element) => element?.textContent === '1', before);
      expect(await before.evaluate((element) => element.isConnected)).toBe(true);
      await add.click();
      await page.waitForFunction((element) => element?.textContent === '2', before);
      expect(types.filter((type) => type === 'threads.custom_action')).toHaveLength(2);

      await page.reload();
      await page.locator('[data-widget-type="Chart"]').waitFor();
      expect(await count(page).innerText()).toBe('2');

      await galleryCard(page).getByRole('button', { name: 'Reset' }).click();
      await page.waitForFunction(() => {
        const card = [...document.querySelectorAll('[data-item-type="widget"]')].find((item) =>
          item.querySelector('[data-widget-type="Chart"]'),
        );
        return card?.querySelector('[data-widget-type="Box"] [data-widget-type="Text"]')?.textContent === '0';
      });
      expect(types).toContain('threads.sync_custom_action');
      await page.reload();
      await page.locator('[data-widget-type="Chart"]').waitFor();
      expect(await count(page).innerText()).toBe('0');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'submitting the form sends its values and the widget shows what the server saved; picking a list row marks it',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Form Filler');
      await showGallery(page);
      const card = galleryCard(page);
      // Required: the browser stops an empty name from being sent.
      await card.getByRole('button', { name: 'Save' }).click();
      expect(await card.getByText('Not saved yet').count()).toBe(1);
      await card.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
      await card.getByRole('combobox', { name: 'Plan' }).selectOption('enterprise');
      await card.getByRole('textbox', { name: 'Notes' }).fill('Bring the engine');
      await card.getByRole('checkbox', { name: 'Send me the newsletter' }).check();
      await card.getByRole('radio', { name: 'Large' }).check();
      await card.getByRole('button', { name: 'Save' }).click();
      await card.getByText('Saved: Ada Lovelace · enterprise · 2026-12-24 · l · newsletter · “Bring the engine”').waitFor();
      // The fields keep what was typed: the widget was updated, not rebuilt.
      expect(await card.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Ada Lovelace');
      await elementScreenshot(card.locator('[data-widget-type="Form"]'), 'widget-form-saved');

      const list = page.locator('[data-widget-type="ListView"]');
      await list.getByRole('button', { name: /Lisbon/ }).click();
      await list.locator('[data-widget-type="Badge"]', { hasText: 'Picked' }).waitFor();
      expect(await list.getByRole('button', { name: /Lisbon/ }).innerText()).toContain('Picked');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a reasoning step shows as a collapsible workflow of thoughts before the answer',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Deep Thinker');
      suite.mock.reply({ reasoning: ['The user asks for the answer.', ' It is forty-two.'], text: ['The answer is 42.'] });
      await send(page, 'What is the answer?');
      expect(await settledReply(page)).toContain('The answer is 42.');
      const workflow = page.locator('[data-item-type="workflow"][data-workflow-type="reasoning"]');
      await workflow.waitFor();
      const thought = workflow.locator('.cw-thought');
      expect(await thought.textContent()).toContain('It is forty-two.');
      // Done, it folds to its summary; the summary opens it again.
      const summary = workflow.locator('summary');
      await page.waitForFunction(
        (element) => element instanceof HTMLDetailsElement && !element.open,
        await workflow.locator('details').elementHandle(),
      );
      expect(await thought.isVisible()).toBe(false);
      await summary.click();
      await thought.waitFor({ state: 'visible' });
      await elementScreenshot(workflow, 'workflow-reasoning');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a client tool call is answered by the page and its output reaches the model',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Tool User');
      const types = chatkitRequests(page);
      const before = replyRequests(suite.mock.requests).length;
      suite.mock.reply(
        { toolCalls: [{ name: 'get_color_scheme', arguments: {}, callId: 'call_scheme' }] },
        { text: ['Your page is light.'] },
      );
      await send(page, 'Which theme is my page showing?');
      expect(await settledReply(page)).toContain('Your page is light.');
      await page.locator('[data-item-type="client_tool_call"][data-status="completed"]').waitFor();
      expect(types).toContain('threads.add_client_tool_output');
      const continued = JSON.stringify((await replyRequest(before + 1)).body);
      expect(continued).toContain('function_call_output');
      expect(continued).toContain('call_scheme');
      expect(continued).toContain('colorScheme');
      expect(continued).toContain('light');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'structured input answered: the answers show and reach the model; skipped: the model hears it was skipped',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Question Answerer');
      suite.mock.reply(
        { toolCalls: [{ name: 'ask_preferences', arguments: {} }] },
        { text: ['Please answer the questions above.'] },
      );
      await send(page, 'Help me pick a theme colour');
      expect(await settledReply(page)).toContain('Please answer the questions above.');
      const questions = page.getByRole('form', { name: 'Questions' });
      await questions.getByRole('radio', { name: 'Green' }).check();
      await questions.getByRole('textbox', { name: 'Why that one?' }).fill('It is calm');
      await elementScreenshot(page.locator('[data-item-type="structured_input"]'), 'structured-input');
      const before = replyRequests(suite.mock.requests).length;
      suite.mock.reply({ text: ['Green it is.'] });
      await questions.getByRole('button', { name: 'Submit' }).click();
      // No user message comes first: the reply continues the turn after the questions.
      await page.locator(REPLY, { hasText: 'Green it is.' }).waitFor();
      const answered = page.locator('[data-item-type="structured_input"][data-status="answered"]');
      expect(await answered.innerText()).toContain('It is calm');
      const request = JSON.stringify((await replyRequest(before)).body);
      expect(request).toContain('Which colour should the theme use?: Green');
      expect(request).toContain('Why that one?: It is calm');

      suite.mock.reply({ toolCalls: [{ name: 'ask_preferences', arguments: {} }] }, { text: ['Answer if you like.'] });
      await page.locator(`${REPLY}[aria-busy="true"]`).waitFor({ state: 'detached' });
      await send(page, 'Ask me again');
      await page.locator('[data-item-type="user_message"]', { hasText: 'Ask me again' }).waitFor();
      expect(await settledReply(page)).toContain('Answer if you like.');
      const skipBefore = replyRequests(suite.mock.requests).length;
      suite.mock.reply({ text: ['No problem, I will choose.'] });
      await page.getByRole('form', { name: 'Questions' }).getByRole('button', { name: 'Skip' }).click();
      await page.locator(REPLY, { hasText: 'No problem, I will choose.' }).waitFor();
      const skipped = page.locator('[data-item-type="structured_input"][data-status="skipped"]');
      expect(await skipped.innerText()).toContain('Skipped');
      expect(JSON.stringify((await replyRequest(skipBefore)).body)).toContain('the request is now skipped');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a client effect reaches the page’s onEffect, and a generated image shows its progress then the picture',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Party Planner');
      suite.mock.reply(
        {
          toolCalls: [
            { name: 'celebrate', arguments: { message: 'Launch day!' } },
            { name: 'draw_picture', arguments: {} },
          ],
        },
        { text: ['Celebrated and drawn.'] },
      );
      await send(page, 'Celebrate and draw me something');
      await page.getByRole('status').filter({ hasText: 'Launch day!' }).waitFor();
      expect(await settledReply(page)).toContain('Celebrated and drawn.');
      const image = page.locator('[data-item-type="generated_image"] img');
      await image.waitFor();
      expect(await image.getAttribute('alt')).toBe('Generated image');
      expect(await page.locator('[data-item-type="generated_image"] progress').count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
