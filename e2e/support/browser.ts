import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { fileURLToPath } from 'node:url';

/** Debian's `chromium`, or whatever `CHROMIUM_PATH` names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Where screenshots go (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));

/** How long one step (a click, a wait for text) may take: a real browser and a real app on a busy machine. */
export const STEP_TIMEOUT_MS = 20_000;
/** Browser tests wait on a real browser, a real app and a streamed reply: generous, never tight. */
export const BROWSER_TEST_TIMEOUT_MS = 90_000;
/** Starting the app (PGlite) and the browser on a busy machine. */
export const SETUP_TIMEOUT_MS = 360_000;

/**
 * Whether the browser tests can run. Without Chromium they skip; the browser tier's global setup
 * (test/chromium-check.ts) prints the one loud line for the whole run.
 */
export function browserTestsCanRun(): boolean {
  return HAS_CHROMIUM;
}

/** Chromium as the tests run it; `extraArgs` adds flags (a fake microphone, say). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** The desktop window the tests use unless they say otherwise. */
export const DESKTOP = { width: 1280, height: 800 } as const;
/** A phone: an iPhone 12-15 sized viewport. */
export const PHONE = { width: 390, height: 844 } as const;

/** A fresh profile (no cookies, no storage) with a fixed locale, so runs look alike. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...options,
  });
  // Every action and wait fails with a message naming what it waited for, well inside the test's own timeout.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context;
}

/** Saves a full-window screenshot as `e2e/artifacts/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  // Caret blinking and a focus ring appearing mid-capture make screenshots differ for no reason.
  await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}

/** Saves a screenshot of one element as `e2e/artifacts/<name>.png` and returns its path. */
export async function elementScreenshot(locator: Locator, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await locator.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page as it is and returns the
 * serious and critical violations. axe is evaluated through the DevTools protocol: the page's
 * content security policy rightly refuses an inline `<script>`.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const injected = (window as unknown as { axe: typeof axe }).axe;
    const result = await injected.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.slice(0, 300)),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
