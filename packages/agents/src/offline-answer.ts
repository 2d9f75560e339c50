import type { PageContextData } from './model-context.js';
import { keywords, overlap } from './word-match.js';

/** What the offline model knows when it answers: the question, the conversation and the page. */
export interface OfflineFacts {
  question: string;
  /** Earlier user messages, oldest first. */
  earlier: string[];
  page?: PageContextData;
  userName?: string;
}

const GREETING = /^\s*(hi|hello|hey|hallo|hola|good (morning|afternoon|evening)|thanks|thank you)\b/i;
const ABOUT_PAGE = /\b(this|the|current)\s+(page|site|website|article|document)\b|\bwhat('?s| is) (this|here)\b|\bsummar/i;
const RECALL = /\b(earlier|before|previous(ly)?|i (said|asked|wrote|told)|remember|my name)\b/i;
const CAPABILITIES =
  'I can point you to the part of the current page that matches your question, quote the text you selected, and recall what you wrote earlier in this conversation.';
const UPGRADE = 'For real answers, set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server) and restart.';

interface Candidate {
  kind: 'selection' | 'heading' | 'description' | 'title';
  text: string;
  score: number;
}

/** The offline model's answer: found by word overlap, worded plainly, never passed off as reasoning. */
export function offlineAnswer(facts: OfflineFacts): string {
  const question = facts.question.trim();
  const wanted = keywords(question);
  if (GREETING.test(question) && wanted.size <= 1) {
    const name = facts.userName ? `, ${facts.userName}` : '';
    return `Hello${name}! I'm the built-in offline model, so I don't understand language the way an AI model does. ${CAPABILITIES}`;
  }
  const page = facts.page;
  if (page) {
    const best = bestCandidate(wanted, question, page);
    if (best) return fromPage(best, page);
    if (ABOUT_PAGE.test(question)) return pageSummary(page);
  }
  const recalled = recall(wanted, question, facts.earlier);
  if (recalled) return recalled;
  const where = page ? "in this page's context or in our conversation" : 'in our conversation, and your browser sent no page context';
  return `I couldn't find anything about that ${where}. I'm the built-in offline model: ${CAPABILITIES} ${UPGRADE}`;
}

function bestCandidate(wanted: ReadonlySet<string>, question: string, page: PageContextData): Candidate | undefined {
  const candidates: Candidate[] = [];
  if (page.selection) {
    const pointsAtSelection = /\b(select(ed|ion)?|highlight(ed)?|this (part|passage|text|paragraph))\b/i.test(question);
    candidates.push({ kind: 'selection', text: page.selection, score: overlap(wanted, page.selection) + (pointsAtSelection ? 2 : 0) });
  }
  for (const heading of page.headings ?? []) candidates.push({ kind: 'heading', text: heading, score: overlap(wanted, heading) });
  if (page.description) candidates.push({ kind: 'description', text: page.description, score: overlap(wanted, page.description) });
  if (page.title) candidates.push({ kind: 'title', text: page.title, score: overlap(wanted, page.title) });
  let best: Candidate | undefined;
  for (const candidate of candidates) if (candidate.score > 0 && (!best || candidate.score > best.score)) best = candidate;
  return best;
}

function fromPage(best: Candidate, page: PageContextData): string {
  const title = page.title ? `“${page.title}”` : 'this page';
  switch (best.kind) {
    case 'selection':
      return `You selected this passage on ${title}, and it matches your question:\n\n> ${best.text.replace(/\n/g, '\n> ')}`;
    case 'heading': {
      const described = page.description ? `\n\nThe page describes itself like this: ${page.description}` : '';
      return `The section **${best.text}** of ${title} is the closest match to your question; the details are there.${described}`;
    }
    case 'description':
      return `From the description of ${title}: ${best.text}`;
    case 'title':
      return page.description ? `${title} looks relevant. It describes itself like this: ${page.description}` : `${title} looks relevant to your question.`;
  }
}

function pageSummary(page: PageContextData): string {
  const lines = [`You are on ${page.title ? `“${page.title}”` : 'a page'}${page.url ? ` (${page.url})` : ''}.`];
  if (page.description) lines.push(page.description);
  if (page.headings && page.headings.length > 0) lines.push(`Its sections: ${page.headings.join('; ')}.`);
  return lines.join(' ');
}

function recall(wanted: ReadonlySet<string>, question: string, earlier: readonly string[]): string | undefined {
  if (earlier.length === 0) return undefined;
  let best: { text: string; score: number } | undefined;
  for (const text of earlier) {
    const score = overlap(wanted, text);
    if (score > 0 && (!best || score >= best.score)) best = { text, score };
  }
  if (best) return `You mentioned this earlier in our conversation: “${best.text}”`;
  if (RECALL.test(question)) return `Earlier you wrote: “${earlier.at(-1)!}”`;
  return undefined;
}
