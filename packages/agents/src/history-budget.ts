import type { ThreadItem } from '@chatwire/protocol';
import type { AgentInputItem } from '@openai/agents-core';
import {
  NOTE_PREFIXES,
  lastUserMessageIndex,
  note,
  threadItemToInput,
  type ItemConversionHooks,
} from './thread-items-to-input.js';

export interface HistoryBudget {
  /** Most tokens the conversation may take in model input (instructions, tools and the context block not counted). */
  maxTokens: number;
  /** How many characters of serialized input count as one token in the estimate. */
  charsPerToken: number;
}

export const DEFAULT_HISTORY_BUDGET: HistoryBudget = { maxTokens: 16_000, charsPerToken: 4 };

export interface History {
  /** Input for the turns before the current one that fit the budget (plus a note when some were left out). */
  earlier: AgentInputItem[];
  /** Input for the current turn: the last user message and everything after it. Always complete. */
  current: AgentInputItem[];
  /** How many older turns were left out. */
  droppedTurns: number;
}

const OMITTED_NOTE = note(`${NOTE_PREFIXES.omitted} to fit the model's context window.`);

/**
 * What one image costs in the estimate, in tokens: about what a model charges for a detailed
 * image. Its `data:` URL is not counted as text; that would make one photo outweigh a long chat.
 */
export const IMAGE_TOKENS = 1_000;

/** A rough token count: serialized length over `charsPerToken`, rounded up, with each image at `IMAGE_TOKENS`. */
export function estimateTokens(items: readonly AgentInputItem[], charsPerToken = DEFAULT_HISTORY_BUDGET.charsPerToken): number {
  let chars = 0;
  let images = 0;
  for (const item of items) {
    chars += JSON.stringify(item, (key, value: unknown) => {
      if (key === 'image' && typeof value === 'string' && value.startsWith('data:')) {
        images += 1;
        return '';
      }
      return value;
    }).length;
  }
  return Math.ceil(chars / charsPerToken) + images * IMAGE_TOKENS;
}

/**
 * The thread as model input under a token budget. Items are grouped in turns (each starts at a
 * user message); the current turn is always kept whole, and older turns are kept newest first
 * until the next one would not fit. Whole turns go, so a tool call never loses its output.
 */
export async function buildHistory(
  items: readonly ThreadItem[],
  budget: HistoryBudget = DEFAULT_HISTORY_BUDGET,
  hooks: ItemConversionHooks = {},
): Promise<History> {
  const currentIndex = lastUserMessageIndex(items);
  const turns = await convertTurns(items, currentIndex, hooks);
  const current = turns.pop() ?? [];
  const costs = turns.map((turn) => estimateTokens(turn, budget.charsPerToken));
  const room = budget.maxTokens - estimateTokens(current, budget.charsPerToken);

  let kept = fitNewest(costs, room);
  if (kept < turns.length) kept = fitNewest(costs, room - estimateTokens([OMITTED_NOTE], budget.charsPerToken));
  const droppedTurns = turns.length - kept;
  const earlier = turns.slice(droppedTurns).flat();
  if (droppedTurns > 0) earlier.unshift(OMITTED_NOTE);
  return { earlier, current, droppedTurns };
}

/** How many of the newest turns fit in `room` together. */
function fitNewest(costs: readonly number[], room: number): number {
  let left = room;
  let kept = 0;
  for (let i = costs.length - 1; i >= 0; i--) {
    if (costs[i]! > left) break;
    left -= costs[i]!;
    kept += 1;
  }
  return kept;
}

async function convertTurns(
  items: readonly ThreadItem[],
  currentIndex: number,
  hooks: ItemConversionHooks,
): Promise<AgentInputItem[][]> {
  const turns: AgentInputItem[][] = [];
  for (const [index, item] of items.entries()) {
    if (item.type === 'user_message' || turns.length === 0) turns.push([]);
    turns.at(-1)!.push(...(await threadItemToInput(item, { isCurrentMessage: index === currentIndex }, hooks)));
  }
  return turns;
}
