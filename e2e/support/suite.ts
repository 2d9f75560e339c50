import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startE2eApp, type E2eApp } from './app.js';
import { launchBrowser, newContext, screenshot, SETUP_TIMEOUT_MS } from './browser.js';

/** A browser profile opened or closed, a screenshot taken, the app stopped: on a busy machine. */
const HOOK_TIMEOUT_MS = 30_000;

export interface BrowserSuite {
  app: E2eApp;
  browser: Browser;
  /** A fresh browser profile per test. */
  context: BrowserContext;
  page: Page;
  /** Replaces the test's browser profile with a fresh one with these options (a phone, say). */
  useContext(options: BrowserContextOptions): Promise<Page>;
}

/**
 * Hooks for one test file (the build ran once, in the browser tier's global setup): start the app with `appEnv()` and a browser
 * before the tests; a fresh browser profile and page for every test; a screenshot named after a
 * test that fails (`e2e/artifacts/failed-….png`).
 */
export function browserSuite<TExtra extends object = object>(
  appEnv: () => Promise<Record<string, string>> | Record<string, string>,
  options: { browserArgs?: readonly string[] } = {},
  /** More for the suite to carry (its own getters kept): filled in before the tests like the rest. */
  extra: TExtra = {} as TExtra,
): BrowserSuite & TExtra {
  const suite = extra as BrowserSuite & TExtra;

  beforeAll(async () => {
    const env = await appEnv();
    const [app, browser] = await Promise.all([startE2eApp(env), launchBrowser(options.browserArgs)]);
    suite.app = app;
    suite.browser = browser;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  }, HOOK_TIMEOUT_MS);

  suite.useContext = async (options) => {
    await suite.context.close();
    suite.context = await newContext(suite.browser, options);
    suite.page = await suite.context.newPage();
    return suite.page;
  };

  beforeEach(async () => {
    suite.context = await newContext(suite.browser);
    suite.page = await suite.context.newPage();
  }, HOOK_TIMEOUT_MS);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const name = `failed-${task.name
        .replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase()
        .slice(0, 80)}`;
      await screenshot(suite.page, name).catch(() => {});
    }
    await suite.context?.close();
  }, HOOK_TIMEOUT_MS);

  return suite;
}

export interface MockModelSuite extends BrowserSuite {
  /** The app's model: a mock OpenAI-compatible endpoint the test scripts (`reply`, `requests`). */
  mock: MockOpenAI;
}

/**
 * `browserSuite` with the app's model on a mock OpenAI-compatible endpoint (Chat Completions unless
 * `env` says `CHATWIRE_MODEL_API`), started before the app and closed after the file.
 */
export function mockModelSuite(env: Record<string, string> = {}): MockModelSuite {
  let mock: MockOpenAI | undefined;
  const suite = browserSuite(
    async () => {
      mock = await startMockOpenAI();
      return { OPENAI_BASE_URL: mock.baseURL, OPENAI_API_KEY: 'sk-e2e-dummy-key', CHATWIRE_MODEL: 'mock-model', ...env };
    },
    {},
    {
      get mock(): MockOpenAI {
        if (!mock) throw new Error('The mock model starts with the app, before the tests');
        return mock;
      },
    },
  );
  afterAll(() => mock?.close());
  return suite;
}
