import { withTrace, type Model } from '@openai/agents';

/** The whole prompt for a title: tiny, so the call is cheap and quick. */
export const TITLE_INSTRUCTIONS =
  'Write a title of 2 to 5 words for a chat that starts with the user message below. Reply with the title only: no quotes, no final punctuation.';

const FILLER = new Set(
  (
    'a an the and or but so what whats which who how why when where is are was were be do does did can could would should will ' +
    'i me my you your we our it its this that these those to of in on at for with about please tell show give say hi hello hey ' +
    'thanks thank there here just some any'
  ).split(' '),
);

const MAX_WORDS = 5;
const MAX_LENGTH = 60;

/**
 * A title from the first message without any model: its first few content words ("What does the
 * pricing page say about refunds?" → "Pricing page refunds"). What the offline model uses.
 */
export function deriveTitle(message: string): string {
  const words = message.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const content = words.filter((word) => !FILLER.has(word.toLowerCase().replace(/['’].*$/, ''))).slice(0, MAX_WORDS);
  let picked: string[];
  if (content.length >= 2) picked = content;
  else if (content.length === 1) picked = [content[0]!, 'question'];
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

/** Asks `model` for a title for a chat opening with `message`; `undefined` on any failure. */
export async function modelTitle(model: Model, message: string, signal?: AbortSignal): Promise<string | undefined> {
  // Model calls expect to run inside a trace (a no-op one while tracing is off).
  const response = await withTrace('chatwire.title', () => model.getResponse({
    systemInstructions: TITLE_INSTRUCTIONS,
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: message.slice(0, 2000) }] }],
    modelSettings: { maxTokens: 24 },
    tools: [],
    handoffs: [],
    outputType: 'text',
    tracing: false,
    ...(signal && { signal }),
  }));
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
  return text.length <= MAX_LENGTH ? text : text.slice(0, MAX_LENGTH).replace(/\s+\S*$/, '');
}
