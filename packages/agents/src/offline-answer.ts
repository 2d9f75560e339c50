import type { PageContextData } from './model-context.js';
import { keywords, overlap, rarity, weightedMatch } from './word-match.js';

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
/** "selected", "highlighted", or "this" (but "this page" means the page): the user means their selection. */
const POINTS_AT_SELECTION =
  /\b(select(ed|ion)?|highlight(ed)?)\b|\bthis\b(?!\s+(page|site|website|webpage|article|document|conversation|chat|thread)\b)/i;
const CAPABILITIES =
  'I can point you to the part of the current page that matches your question, quote the text you selected, and recall what you wrote earlier in this conversation.';
const UPGRADE = 'For real answers, set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server) and restart.';
/** A page-wide text (description, title) is a weaker answer than a section naming the same words. */
const PAGE_WIDE_WEIGHT = 0.5;

interface Candidate {
  kind: 'selection' | 'heading' | 'description' | 'title';
  text: string;
  score: number;
}

/** The offline model's answer: found by word matching, worded plainly, never passed off as reasoning. */
export function offlineAnswer(facts: OfflineFacts): string {
  const question = facts.question.trim();
  const wanted = keywords(question);
  if (GREETING.test(question) && wanted.size <= 1) {
    const name = facts.userName ? `, ${facts.userName}` : '';
    return `Hello${name}! I'm the built-in offline model, so I don't understand language the way an AI model does. ${CAPABILITIES}`;
  }
  const page = facts.page;
  if (page) {
    if (page.selection && POINTS_AT_SELECTION.test(question)) return quoteSelection(page.selection, page);
    const best = bestCandidate(wanted, page);
    const pageWide = !best || best.kind === 'description' || best.kind === 'title';
    if (pageWide && ABOUT_PAGE.test(question)) return pageSummary(page);
    if (best) return fromPage(best, page);
  }
  const recalled = recall(wanted, question, facts.earlier);
  if (recalled) return recalled;
  const where = page
    ? "in this page's context or in our conversation"
    : 'in our conversation, and your browser sent no page context';
  return `I couldn't find anything about that ${where}. I'm the built-in offline model: ${CAPABILITIES} ${UPGRADE}`;
}

/**
 * The part of the page that best matches the question. Each matched word counts by its rarity
 * across the page's texts, so the word that singles out one section ("team" on a page whose every
 * part is about plans) decides. The description and title speak for the whole page: they earn
 * credit only for words no section has, and at a reduced weight, so a section naming the
 * question's distinctive word beats a description that mentions it in passing. Equal scores go
 * to a section over a page-wide text, then to the shortest text.
 */
function bestCandidate(wanted: ReadonlySet<string>, page: PageContextData): Candidate | undefined {
  if (wanted.size === 0) return undefined;
  const sections: { kind: 'selection' | 'heading'; text: string; words: Set<string> }[] = [];
  if (page.selection) sections.push({ kind: 'selection', text: page.selection, words: keywords(page.selection) });
  for (const heading of page.headings ?? []) sections.push({ kind: 'heading', text: heading, words: keywords(heading) });
  const pageWide: { kind: 'description' | 'title'; text: string; words: Set<string> }[] = [];
  if (page.description) pageWide.push({ kind: 'description', text: page.description, words: keywords(page.description) });
  if (page.title) pageWide.push({ kind: 'title', text: page.title, words: keywords(page.title) });

  const weights = rarity(
    wanted,
    [...sections, ...pageWide].map((entry) => entry.words),
  );
  const inSections = new Set(sections.flatMap((section) => [...section.words]));
  const candidates: Candidate[] = [
    ...sections.map(({ kind, text, words }) => ({ kind, text, score: weightedMatch(weights, words) })),
    ...pageWide.map(({ kind, text, words }) => ({
      kind,
      text,
      score: PAGE_WIDE_WEIGHT * weightedMatch(weights, words, inSections),
    })),
  ];
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.score <= 0) continue;
    if (!best || candidate.score > best.score + 1e-9) best = candidate;
    else if (
      candidate.score > best.score - 1e-9 &&
      isSection(candidate) === isSection(best) &&
      candidate.text.length < best.text.length
    )
      best = candidate;
  }
  return best;
}

function isSection(candidate: Candidate): boolean {
  return candidate.kind === 'selection' || candidate.kind === 'heading';
}

function quoted(text: string): string {
  return `> ${text.replace(/\n/g, '\n> ')}`;
}

function quoteSelection(selection: string, page: PageContextData): string {
  const title = page.title ? `“${page.title}”` : 'this page';
  return `You're asking about the passage you selected on ${title}. I can't interpret it, but here it is:\n\n${quoted(selection)}`;
}

function fromPage(best: Candidate, page: PageContextData): string {
  const title = page.title ? `“${page.title}”` : 'this page';
  switch (best.kind) {
    case 'selection':
      return `You selected this passage on ${title}, and it matches your question:\n\n${quoted(best.text)}`;
    case 'heading': {
      const described = page.description ? `\n\nThe page describes itself like this: ${page.description}` : '';
      return `The section **${best.text}** of ${title} is the closest match to your question; the details are there.${described}`;
    }
    case 'description':
      return `From the description of ${title}: ${best.text}`;
    case 'title':
      return page.description
        ? `${title} looks relevant. It describes itself like this: ${page.description}`
        : `${title} looks relevant to your question.`;
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
