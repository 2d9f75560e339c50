import type { Locator, Page } from 'playwright-core';
import type { RecordedRequest } from '@chatwire/test-support/mock-openai';

/**
 * The chat UI through the handles in CONTRACT ("The chat UI's handles") and nothing else, so
 * these tests hold for any UI that keeps them.
 */

export { STEP_TIMEOUT_MS } from './browser.js';

export const REPLY = '[data-item-type="assistant_message"]';

/**
 * Opens the app's page signed out and signs in through the development sign-in; returns the
 * user id the page signed in as (the `user_id` it sent to `POST /auth/dev/login`, which the app
 * makes the session's subject).
 */
export async function signIn(page: Page, base: string, name: string): Promise<string> {
  await page.goto(base);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  // The request, not the answer: the page never reads the answer's body, so the browser may never hand it over.
  const login = page.waitForResponse((response) => new URL(response.url()).pathname === '/auth/dev/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await login;
  if (response.status() !== 200) throw new Error(`Sign-in answered ${response.status()}`);
  await composer(page).waitFor();
  const { user_id: userId } = response.request().postDataJSON() as { user_id?: unknown };
  if (typeof userId !== 'string') throw new Error('The sign-in request named no user_id');
  return userId;
}

export function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message' });
}

export function threads(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Threads' });
}

/** Types `text` into the composer and presses "Send". */
export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The latest assistant reply in the open thread. */
export function lastReply(page: Page): Locator {
  return page.locator(REPLY).last();
}

/**
 * Waits until the latest user message has a reply after it and that reply has finished streaming
 * (a reply to an earlier message does not count); returns the reply's text.
 */
export async function settledReply(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const types = [...document.querySelectorAll('[data-item-type]')].map((item) => item.getAttribute('data-item-type'));
    const replies = document.querySelectorAll('[data-item-type="assistant_message"]');
    const last = replies[replies.length - 1];
    return (
      last !== undefined &&
      types.lastIndexOf('assistant_message') > types.lastIndexOf('user_message') &&
      last.getAttribute('aria-busy') !== 'true'
    );
  });
  return (await lastReply(page).innerText()).trim();
}

/** Opens the thread named `title` from the Threads navigation. */
export async function openThread(page: Page, title: string): Promise<void> {
  await threads(page)
    .getByRole('button', { name: title, exact: true })
    .or(threads(page).getByRole('link', { name: title, exact: true }))
    .click();
}

/** The requests for replies (streamed); thread titles are asked for without streaming. */
export function replyRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.stream);
}

/** Everything a model request carries as text, whichever API it speaks. */
function requestTexts(request: RecordedRequest): string[] {
  const body = request.body as { messages?: unknown[]; input?: unknown } | undefined;
  const entries: unknown[] = [...(body?.messages ?? []), ...(Array.isArray(body?.input) ? body.input : [])];
  const texts: string[] = [];
  for (const entry of entries) {
    const content = (entry as { content?: unknown }).content;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        const text = (part as { text?: unknown }).text;
        if (typeof text === 'string') texts.push(text);
      }
    }
  }
  return texts;
}

/**
 * The JSON inside the `<chatwire_context>…</chatwire_context>` block the model received, or
 * `undefined` when there was none. `<` and `>` inside are escaped, so the first closing tag is the real one.
 */
export function contextBlock(
  request: RecordedRequest,
): { page?: { title?: string; headings?: string[]; url?: string } } | undefined {
  for (const text of requestTexts(request)) {
    const match = /<chatwire_context>([\s\S]*?)<\/chatwire_context>/.exec(text);
    if (match) return JSON.parse(match[1]!) as { page?: { title?: string; headings?: string[] } };
  }
  return undefined;
}

/** The rendered page is no wider than the window: nothing makes it scroll sideways. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const scrollWidth = document.scrollingElement?.scrollWidth ?? document.documentElement.scrollWidth;
    const innerWidth = window.innerWidth;
    // For the failure message: the elements that stick out.
    const widest = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} → ${Math.round(element.getBoundingClientRect().right)}px`,
      );
    return { scrollWidth, innerWidth, widest };
  });
}
