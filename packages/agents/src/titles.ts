import { withTrace, type Model } from '@openai/agents-core';

/** The whole prompt for a title: tiny, so the call is cheap and quick. */
export const TITLE_INSTRUCTIONS =
  'Write a title of 2 to 5 words for a chat that starts with the user message below. Reply with the title only: no quotes, no final punctuation.';

/** Openers that carry no topic: question words, auxiliaries, politeness ("How much does the…", "Could you please…"). */
const OPENERS = new Set(
  (
    'how much many what whats which who why when where is are was were am be do does did can could would should will shall may might ' +
    'i im me we you your please kindly tell show give help explain describe let lets hi hello hey ok okay so well and but ' +
    'a an the just really actually quickly briefly also maybe perhaps basically honestly now today tomorrow yesterday currently'
  ).split(' '),
);

/** Words kept inside a title only between two kept words ("cost per seat", "export my notes"). */
const LINKS = new Set('per of for in on to with from about and or vs versus via without this my our'.split(' '));

/** Words never worth a place in a title. */
const FILLER = new Set(
  (
    'a an the but so what whats which who how why when where is are was were be been am do does did can could would should will ' +
    'shall may might must i im me you your we us it its that these those there here please tell show give say said know want need ' +
    'like just some any much many very really actually also hi hello hey thanks thank get got'
  ).split(' '),
);

const MAX_WORDS = 5;
const MAX_LENGTH = 60;

/**
 * A title from the first message without any model, what the offline model uses: the leading
 * question words and politeness go, filler inside goes, the key phrase stays in the user's own
 * capitals ("How much does the Team plan cost per seat?" → "Team plan cost per seat"). 2 to 5
 * words; a single topic word becomes "Question about <word>"; a message with none keeps its
 * first words.
 */
export function deriveTitle(message: string): string {
  const words = message.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const plain = (word: string) => word.toLowerCase().replace(/['’]/g, '');
  let start = 0;
  while (start < words.length && OPENERS.has(plain(words[start]!))) start += 1;
  const rest = words.slice(start);
  const isContent = (word: string | undefined) => word !== undefined && !FILLER.has(plain(word)) && !LINKS.has(plain(word));
  const phrase = rest.filter(
    (word, index) => isContent(word) || (LINKS.has(plain(word)) && isContent(rest[index - 1]) && isContent(rest[index + 1])),
  );
  const content = phrase.filter(isContent);
  let picked: string[];
  if (content.length >= 2) picked = phrase.length <= MAX_WORDS ? phrase : content.slice(0, MAX_WORDS);
  else if (content.length === 1) return clamp(`Question about ${content[0]!}`);
  else if (words.length >= 2) picked = words.slice(0, MAX_WORDS);
  else return 'New conversation';
  return clamp(capitalize(picked.join(' ')));
}

/** A model's title answer made tidy; `undefined` when it is not 2 to 5 words. */
export function cleanTitle(raw: string): string | undefined {
  const line = raw.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const text = line
    .replace(/^\s*(title\s*:\s*)/i, '')
    .replace(/^[\s"'“”‘’*#`]+|[\s"'“”‘’*#`.!?:;,]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const count = text === '' ? 0 : text.split(' ').length;
  if (count < 2 || count > MAX_WORDS) return undefined;
  return clamp(capitalize(text));
}

/**
 * Asks `model` for a title for a chat opening with `message`; `undefined` on any failure.
 * `onUsage` hears what the call cost.
 */
export async function modelTitle(
  model: Model,
  message: string,
  signal?: AbortSignal,
  onUsage?: (usage: { inputTokens: number; outputTokens: number }) => void,
): Promise<string | undefined> {
  // Model calls expect to run inside a trace (a no-op one while tracing is off).
  const response = await withTrace('chatwire.title', () =>
    model.getResponse({
      systemInstructions: TITLE_INSTRUCTIONS,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: message.slice(0, 2000) }] }],
      modelSettings: { maxTokens: 24 },
      tools: [],
      handoffs: [],
      outputType: 'text',
      tracing: false,
      ...(signal && { signal }),
    }),
  );
  onUsage?.(response.usage);
  for (const item of response.output) {
    if (item.type !== 'message' || !('role' in item) || item.role !== 'assistant') continue;
    const text = item.content.map((part) => (part.type === 'output_text' ? part.text : '')).join('');
    return cleanTitle(text);
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function clamp(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const words = text
    .slice(0, MAX_LENGTH + 1)
    .split(/\s+/)
    .slice(0, -1);
  while (words.length > 2 && LINKS.has(words.at(-1)!.toLowerCase())) words.pop();
  return words.length > 0 ? words.join(' ') : text.slice(0, MAX_LENGTH);
}
