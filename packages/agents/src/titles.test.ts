import { Agent } from '@openai/agents-core';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentContext } from './agent-context.js';
import { cleanTitle, deriveTitle, TITLE_INSTRUCTIONS } from './titles.js';
import { AgentTestServer, mockModel, serverHelpers } from './test-support/agent-server.js';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
});

const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Be helpful.' });

describe.each(['responses', 'chat_completions'] as const)('thread titles over %s', (api) => {
  it('after the first exchange the model names the thread and the client hears it through thread.updated; later turns keep it', async () => {
    const server = new AgentTestServer({ agent, model: mockModel(mock, api), titles: true });
    const helpers = serverHelpers(server);
    mock.wholeText = '"Refund Policy Question."';
    mock.reply({ text: ['Refunds take ', '30 days.'] });
    const { threadId, events } = await helpers.create('How long do refunds take?');
    expect(events.at(-2)).toMatchObject({ type: 'thread.item.done', item: { type: 'assistant_message' } });
    expect(events.at(-1)).toMatchObject({ type: 'thread.updated', thread: { id: threadId, title: 'Refund Policy Question' } });

    const titleRequest = mock.requests.find((request) => !request.stream)!;
    expect(titleRequest.rawBody).toContain(JSON.stringify(TITLE_INSTRUCTIONS).slice(1, -1));
    expect(titleRequest.rawBody).toContain('How long do refunds take?');

    mock.reply({ text: ['Sure.'] });
    const later = await helpers.add(threadId, 'Thanks!');
    expect(later.some((event) => event.type === 'thread.updated')).toBe(false);
    expect((await server.store.loadThread(threadId, { userId: 'alice' })).title).toBe('Refund Policy Question');
  });
});

describe('titles without a model', () => {
  it.each([
    ['How much does the Team plan cost per seat?', 'Team plan cost per seat'],
    ['What does the pricing page say about refunds?', 'Pricing page refunds'],
    ['Can I export my notes?', 'Export my notes'],
    ['summarize this page', 'Summarize this page'],
    ['Could you please explain how the refund policy works?', 'Refund policy works'],
    ['What about refunds for teams?', 'Refunds for teams'],
    ['Plan a three day trip to Lisbon in May with kids', 'Plan three day trip Lisbon'],
    ['refunds?', 'Question about refunds'],
    ['I want to know about refunds', 'Question about refunds'],
    ['Hello there', 'Hello there'],
    ['hi', 'New conversation'],
    ['🙂', 'New conversation'],
  ])('derives a 2 to 5 word title from %j', (message, title) => {
    expect(deriveTitle(message)).toBe(title);
  });

  it('never opens with a question word, auxiliary or adverb such as "Much"', () => {
    for (const message of [
      'How much does the Team plan cost per seat?',
      'How many seats does the Team plan include?',
      'Tomorrow we migrate the billing database',
      'Please quickly list the refund rules',
    ]) {
      expect(deriveTitle(message)).not.toMatch(/^(how|much|many|what|does|do|is|can|please|could|tomorrow|quickly)\b/i);
    }
  });

  it('keeps a 40-word message to its first five key words, within 60 characters', () => {
    const message =
      'Tomorrow we migrate the billing database to Postgres and I need a checklist that covers backups, downtime, ' +
      'feature flags, rollback steps, who to notify on the support team, and how to check that invoices still match ' +
      'after the switch ends';
    expect(message.split(' ')).toHaveLength(40);
    const title = deriveTitle(message);
    expect(title).toBe('Migrate billing database Postgres checklist');
    expect(title.length).toBeLessThanOrEqual(60);
  });

  it('tidies a model title and refuses one that is not 2 to 5 words', () => {
    expect(cleanTitle('Title: "Weekend in Lisbon."\n')).toBe('Weekend in Lisbon');
    expect(cleanTitle('Lisbon')).toBeUndefined();
    expect(cleanTitle('A very long title that goes on and on')).toBeUndefined();
  });
});
