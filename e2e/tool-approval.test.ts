import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort, startNotesServer, type NotesServer } from '../apps/server/src/test-support/notes-mcp.js';
import { browserTestsCanRun, BROWSER_TEST_TIMEOUT_MS, screenshot } from './support/browser.js';
import { openThread, send, settledReply, signIn, STEP_TIMEOUT_MS } from './support/chat-page.js';
import { browserSuite } from './support/suite.js';

/**
 * Tool approval in the browser: the app, the example MCP server (`examples/mcp-notes`) with its
 * `add_note` tool configured to need approval, and the mock model calling it. The run pauses at
 * an approval card; Approve and Deny both resume it, and a pending card survives a reload and a
 * restart of the app.
 */

const canRun = browserTestsCanRun();

/** What the model was last told a tool returned. */
function lastToolOutput(mock: MockOpenAI): string {
  const body = mock.requests.at(-1)?.body as { messages?: { role: string; content: unknown }[] } | undefined;
  return JSON.stringify((body?.messages ?? []).filter((message) => message.role === 'tool').map((message) => message.content));
}

function approvalCard(page: Page) {
  return page.locator('[data-item-type="widget"]').last();
}

describe.skipIf(!canRun)('tool approval (example MCP server, mock model)', () => {
  let mock: MockOpenAI;
  let notes: NotesServer | undefined;
  const suite = browserSuite(async () => {
    mock = await startMockOpenAI();
    const port = await freePort();
    notes = await startNotesServer({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    return {
      PORT: String(port),
      OPENAI_BASE_URL: mock.baseURL,
      CHATWIRE_MODEL: 'mock-model',
      CHATWIRE_MCP_SERVERS: JSON.stringify([{ name: 'notes', url: notes.url, approval: ['add_note'] }]),
    };
  });
  afterAll(async () => {
    await notes?.stop();
    await mock?.close();
  });

  test(
    'Approve: the pending card is still there after a reload and a restart, and approving runs the tool',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Parcel Keeper');
      mock.wholeText = 'Parcel reminder';
      mock.reply({ toolCalls: [{ name: 'notes_add_note', arguments: { text: 'Pick up the parcel' } }] });
      await send(page, 'Remember to pick up the parcel');
      const card = approvalCard(page);
      await card.getByRole('button', { name: 'Approve' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await card.locator('[data-widget-type]').first().getAttribute('data-widget-type')).toBe('Card');
      expect(await card.innerText()).toContain('notes_add_note');
      await screenshot(page, 'tool-approval-pending');

      await page.reload();
      await openThread(page, 'Parcel reminder');
      await approvalCard(page).getByRole('button', { name: 'Approve' }).waitFor({ timeout: STEP_TIMEOUT_MS });

      await app.restart();
      await page.goto(app.base);
      await openThread(page, 'Parcel reminder');
      const kept = approvalCard(page);
      await kept.getByRole('button', { name: 'Approve' }).waitFor({ timeout: STEP_TIMEOUT_MS });

      mock.reply({ text: ['Saved: pick up the parcel.'] });
      await kept.getByRole('button', { name: 'Approve' }).click();
      expect(await settledReply(page)).toBe('Saved: pick up the parcel.');
      expect(lastToolOutput(mock)).toMatch(/Saved note [0-9a-f-]{36}/);
      await expect.poll(() => approvalCard(page).innerText()).toContain('Approved');
      expect(await approvalCard(page).getByRole('button').count()).toBe(0);
      await screenshot(page, 'tool-approval-approved');
    },
    BROWSER_TEST_TIMEOUT_MS * 2,
  );

  test(
    'Deny: the tool does not run and the model is told the user refused',
    async () => {
      const { page, app } = suite;
      await signIn(page, app.base, 'Careful Carla');
      mock.wholeText = 'Shopping note';
      mock.reply({ toolCalls: [{ name: 'notes_add_note', arguments: { text: 'Buy lemons' } }] });
      await send(page, 'Note that I need lemons');
      const card = approvalCard(page);
      await card.getByRole('button', { name: 'Deny' }).waitFor({ timeout: STEP_TIMEOUT_MS });

      mock.reply({ text: ['All right, I did not save it.'] });
      await card.getByRole('button', { name: 'Deny' }).click();
      expect(await settledReply(page)).toBe('All right, I did not save it.');
      expect(lastToolOutput(mock)).toContain('The user denied this tool call');
      await expect.poll(() => approvalCard(page).innerText()).toContain('Denied');
      expect(await approvalCard(page).getByRole('button').count()).toBe(0);
      await screenshot(page, 'tool-approval-denied');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
