import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMockOpenAI, type MockOpenAI, type RecordedRequest } from '@chatwire/test-support/mock-openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startE2eApp, type E2eApp } from './support/app.js';
import {
  browserTestsCanRun,
  BROWSER_TEST_TIMEOUT_MS,
  DESKTOP,
  launchBrowser,
  PHONE,
  newContext,
  screenshot,
  seriousAxeViolations,
  SETUP_TIMEOUT_MS,
} from './support/browser.js';
import {
  composer,
  contextBlock,
  horizontalOverflow,
  REPLY,
  replyRequests,
  send,
  settledReply,
  STEP_TIMEOUT_MS,
} from './support/chat-page.js';
import { buildNextExample, NEXT_BUILD_TIMEOUT_MS, startNextExample, type NextExample } from './support/next-example.js';

/**
 * The Next.js example (`apps/next-example`), built and started as users deploy it (`next build`,
 * `next start`), beside the built app, whose model is the mock OpenAI endpoint. Chromium talks
 * to the example only: its sign-in keeps the app's token in the example's httpOnly cookie, and
 * `@chatwire/next` turns that cookie into `Authorization: Bearer` on the way to the app.
 */

const canRun = browserTestsCanRun();
const SESSION_COOKIE = 'docs_session';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Splits `text` into deltas of a few characters, the way a model streams. */
function deltas(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/**
 * Runs in the page before its own scripts: every response to the page's `fetch` is read through a
 * clone, recording when each chunk arrived (`performance.now()`) and the whole body the page could
 * read. Plain JavaScript: the test runner's transform would add helpers the page does not have.
 */
const RECORD_FETCHES = `(() => {
  const chunks = [];
  const bodies = [];
  window.__chunks = chunks;
  window.__bodies = bodies;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = new URL(response.url).pathname;
    const copy = response.clone();
    (async () => {
      if (!copy.body) return;
      const reader = copy.body.getReader();
      const decoder = new TextDecoder();
      let whole = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const text = decoder.decode(value, { stream: true });
          whole += text;
          chunks.push({ url, at: performance.now(), text });
        }
      } finally {
        bodies.push(whole);
      }
    })().catch(() => {});
    return response;
  };
})();`;

describe.skipIf(!canRun)('the Next.js example, its cookie proxy in front of the app (mock model)', () => {
  let mock: MockOpenAI;
  let app: E2eApp;
  let site: NextExample;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every response body the browser received (documents, scripts, RSC payloads, API answers). */
  let received: string[];

  beforeAll(async () => {
    mock = await startMockOpenAI();
    const [started, , launched] = await Promise.all([
      startE2eApp({ OPENAI_BASE_URL: mock.baseURL, OPENAI_API_KEY: 'sk-e2e-dummy-key', CHATWIRE_MODEL: 'mock-model' }),
      buildNextExample(),
      launchBrowser(),
    ]);
    app = started;
    browser = launched;
    site = await startNextExample(app.base);
  }, SETUP_TIMEOUT_MS + NEXT_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await app?.close();
    await mock?.close();
  }, 30_000);

  beforeEach(async () => {
    context = await newContext(browser);
    await context.addInitScript({ content: RECORD_FETCHES });
    page = await context.newPage();
    received = [];
    page.on('response', (response) => {
      void response.text().then(
        (text) => void received.push(text),
        () => {},
      );
    });
  }, 30_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await screenshot(
        page,
        `failed-next-${task.name
          .replace(/[^a-z0-9]+/gi, '-')
          .toLowerCase()
          .slice(0, 60)}`,
      ).catch(() => {});
    await context?.close();
  }, 30_000);

  /** Signs in through the example's own sign-in; returns the token the httpOnly cookie holds (read from outside the page). */
  async function signIn(name: string): Promise<string> {
    await page.goto(site.base);
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await composer(page).waitFor();
    // The name comes back from the server's read of the httpOnly cookies, exactly as typed.
    await page.getByText(`Signed in as ${name}`, { exact: true }).waitFor();
    const cookie = (await context.cookies(site.base)).find((candidate) => candidate.name === SESSION_COOKIE);
    if (!cookie) throw new Error('Signing in set no session cookie');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    return cookie.value;
  }

  /** The `count`th streamed model request (from 0), once the app has made it. */
  async function replyRequest(count: number): Promise<RecordedRequest> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const request = replyRequests(mock.requests)[count];
      if (request) return request;
      if (Date.now() > deadline) throw new Error(`The model got ${replyRequests(mock.requests).length} reply requests`);
      await sleep(25);
    }
  }

  async function openPage(title: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Documentation' }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.waitForFunction((expected) => document.title.startsWith(expected), title);
  }

  test(
    'the signed-out site offers the development sign-in beside its pages, with no serious accessibility violations',
    async () => {
      await page.goto(site.base);
      await page.getByRole('heading', { level: 1, name: 'Getting started with Acme Notes' }).waitFor();
      await page.getByRole('textbox', { name: 'Name' }).waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(page, 'next-example-signed-out');
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'a reply streams through the proxy: its first delta reaches the page well before its last, and the open page’s context reaches the model',
    async () => {
      const token = await signIn('Stream Reader');
      await openPage('Plans and pricing');
      const answer = 'The Team plan costs $15 per user a month, or $150 per user a year, and adds a shared workspace.';
      mock.reply({ text: deltas(answer, 8), eventDelayMs: 150 });
      await send(page, 'What does the Team plan cost?');
      expect(await settledReply(page)).toContain(answer);
      await screenshot(page, 'next-example-reply');

      const chunks = await page.evaluate(
        () => (window as unknown as { __chunks: { url: string; at: number; text: string }[] }).__chunks,
      );
      const deltaArrivals = chunks
        .filter((chunk) => chunk.url === '/chatkit' && chunk.text.includes('content_part.text_delta'))
        .map((chunk) => chunk.at);
      expect(deltaArrivals.length).toBeGreaterThanOrEqual(6);
      // 12 deltas 150 ms apart: buffered anywhere on the way, they would arrive together.
      expect(deltaArrivals.at(-1)! - deltaArrivals[0]!).toBeGreaterThan(1000);

      const request = await replyRequest(0);
      expect(request.headers.authorization).toBe('Bearer sk-e2e-dummy-key');
      const page1 = contextBlock(request)?.page;
      expect(page1?.title).toBe('Plans and pricing · Acme Notes docs');
      expect(page1?.url).toBe(`${site.base}/pricing`);
      expect(page1?.headings).toEqual(expect.arrayContaining(['Plans and pricing', 'The Team plan']));
      expect(request.rawBody).not.toContain(token);

      // Navigating keeps the thread open, and the next message says where the reader is now.
      await openPage('Working offline');
      mock.reply({ text: deltas('Notebooks opened in the last 30 days stay on the device.', 10) });
      await send(page, 'How long do notebooks stay on my device?');
      // Both messages in the one thread: the chat lives in the layout, which navigation keeps.
      await page.locator('[data-item-type="user_message"]').nth(1).waitFor();
      expect(await settledReply(page)).toContain('stay on the device');
      expect(await page.locator('[data-item-type="user_message"]').count()).toBe(2);
      const page2 = contextBlock(await replyRequest(1))?.page;
      expect(page2?.title).toBe('Working offline · Acme Notes docs');
      expect(page2?.headings).toEqual(expect.arrayContaining(['Working offline', 'Conflicts']));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'Stop mid-reply closes the model request upstream: the abort crosses the proxy and the app',
    async () => {
      await signIn('Stop Presser');
      const requestsBefore = replyRequests(mock.requests).length;
      mock.reply({ text: deltas('word '.repeat(200), 5), eventDelayMs: 100 });
      await send(page, 'Tell me everything about sharing.');
      await page.waitForFunction(
        (selector) => {
          const replies = document.querySelectorAll<HTMLElement>(selector);
          const last = replies[replies.length - 1];
          return last?.getAttribute('aria-busy') === 'true' && last.innerText.trim().length > 10;
        },
        REPLY,
        { timeout: STEP_TIMEOUT_MS },
      );
      const request = await replyRequest(requestsBefore);
      await page.getByRole('button', { name: 'Stop' }).click();
      // `closed` resolves true only when the app dropped the model's connection before the reply ended.
      expect(await Promise.race([request.closed, sleep(STEP_TIMEOUT_MS).then(() => 'still open')])).toBe(true);
      await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
      expect(await page.locator(REPLY).last().getAttribute('aria-busy')).not.toBe('true');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the token never reaches the page: not in document.cookie, storage, the HTML, or any response body the page can read',
    async () => {
      const token = await signIn('Token Hunter');
      mock.reply({ text: ['Nothing ', 'to ', 'see.'] });
      await send(page, 'Hello');
      await settledReply(page);
      await openPage('Sharing notebooks');
      const readBodies = () => page.evaluate(() => (window as unknown as { __bodies: string[] }).__bodies);
      // What the page's fetch read so far: the sign-in's answer, the streamed reply, the thread list.
      const readable = await readBodies();
      expect(readable.some((body) => body.includes('"user":{"name":"Token Hunter"}'))).toBe(true);
      expect(readable.some((body) => body.includes('Nothing to see.') || body.includes('content_part.text_delta'))).toBe(true);
      await page.reload();
      await composer(page).waitFor();

      expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(storage).not.toContain(token);
      expect(await page.content()).not.toContain(token);
      readable.push(...(await readBodies()));
      expect(received.length).toBeGreaterThan(5);
      for (const body of [...readable, ...received]) expect(body.includes(token)).toBe(false);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'an image attachment uploads through the proxy, and its preview URL names this site and loads from it',
    async () => {
      await signIn('Picture Sender');
      const upload = page.waitForRequest((request) => /\/chatkit\/attachments\/[^/]+\/upload$/.test(request.url()));
      await page.locator('input[type="file"]').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: PNG });
      const sent = await upload;
      expect(sent.url().startsWith(`${site.base}/chatkit/attachments/`)).toBe(true);
      expect((await sent.response())?.status()).toBe(200);
      await page.locator('.cw-attachment-tray [data-status="ready"]').waitFor();

      mock.reply({ text: ['A ', 'tiny ', 'chart.'] });
      await send(page, 'What is in this picture?');
      // The sent message shows the picture itself (named by its file), loaded through the proxy.
      const shown = page.locator('[data-item-type="user_message"]').getByRole('img', { name: 'chart.png' });
      await page.waitForFunction(
        (element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth === 1,
        await shown.elementHandle(),
      );
      await settledReply(page);

      // The preview URL the app named (on its own origin) reached the page pointing at this site.
      const bodies = await page.evaluate(() => (window as unknown as { __bodies: string[] }).__bodies);
      const previews = bodies.flatMap((body) => [...body.matchAll(/"preview_url":"([^"]+)"/g)].map((match) => match[1]!));
      expect(previews.length).toBeGreaterThan(0);
      for (const url of previews) expect(url.startsWith(`${site.base}/chatkit/attachments/atc_`)).toBe(true);
      expect(bodies.some((body) => body.includes(app.base))).toBe(false);

      // An <img> of the page loads it through the proxy's download route (no Origin: Sec-Fetch-Site vouches).
      const size = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      }, previews[0]!);
      expect(size).toEqual([1, 1]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'in the dark theme and on a phone the site stays whole: the chat beside the page or one tap below it, nothing scrolling sideways',
    async () => {
      await signIn('Zoë Night-Reader');
      await openPage('Sharing notebooks');
      mock.reply({ text: deltas('Open the notebook, choose Share and enter an email address.', 9) });
      await send(page, 'How do I share a notebook?');
      await settledReply(page);
      await page.getByRole('button', { name: 'Dark theme' }).click();
      expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
      await screenshot(page, 'next-example-dark');
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, 'next-example-narrow');
      expect((await horizontalOverflow(page)).widest).toEqual([]);

      await page.setViewportSize(PHONE);
      await screenshot(page, 'next-example-phone');
      expect((await horizontalOverflow(page)).widest).toEqual([]);
      // The page comes first; "Ask" in the header brings the chat, a screen high, into view.
      await page.getByRole('link', { name: 'Ask', exact: true }).click();
      await composer(page).waitFor();
      expect(await composer(page).isVisible()).toBe(true);
      await page.waitForFunction(() => Math.abs(document.getElementById('assistant')!.getBoundingClientRect().top - 52) < 4);
      await screenshot(page, 'next-example-phone-chat');
      await page.reload();
      // The theme is remembered (a cookie the server reads, so the page never flashes light).
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.setViewportSize(DESKTOP);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'signing out forgets the session: the sign-in comes back and the proxy answers 401',
    async () => {
      await signIn('Leaver');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect((await context.cookies(site.base)).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(false);
      const status = await page.evaluate(async () => {
        const response = await fetch('/chatkit', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"type":"threads.list","params":{}}',
        });
        return response.status;
      });
      expect(status).toBe(401);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
