import type { ChatKitOptions, ColorScheme } from '../options.js';

/** The attributes `<chatwire-chat>` reads; everything else comes through `setOptions`. */
export const ELEMENT_ATTRIBUTES = [
  'api-url',
  'domain-key',
  'locale',
  'theme',
  'initial-thread',
  'placeholder',
  'greeting',
  'header-title',
  'history',
  'attachments',
] as const;

const isOff = (value: string | null) => value !== null && /^(false|off|no|0)$/i.test(value.trim());

/** Options as the element's attributes give them (only those present). */
export function optionsFromAttributes(element: Element): Partial<ChatKitOptions> {
  const read = (name: (typeof ELEMENT_ATTRIBUTES)[number]) => element.getAttribute(name) ?? undefined;
  const options: Partial<ChatKitOptions> = {};
  const url = read('api-url');
  const domainKey = read('domain-key');
  if (url !== undefined) options.api = { url, ...(domainKey !== undefined ? { domainKey } : {}) };
  const locale = read('locale');
  if (locale) options.locale = locale;
  const theme = read('theme');
  if (theme === 'light' || theme === 'dark') options.theme = theme satisfies ColorScheme;
  const thread = read('initial-thread');
  if (thread) options.initialThread = thread;
  const placeholder = read('placeholder');
  if (placeholder !== undefined) options.composer = { placeholder };
  if (element.hasAttribute('attachments') && !isOff(element.getAttribute('attachments')))
    options.composer = { ...options.composer, attachments: { enabled: true } };
  const greeting = read('greeting');
  if (greeting !== undefined) options.startScreen = { greeting };
  const title = read('header-title');
  if (title !== undefined) options.header = { title: { text: title } };
  if (isOff(element.getAttribute('history'))) options.history = { enabled: false };
  return options;
}

/**
 * What the chat runs with: the options of the last `setOptions` call, which replace those of the
 * call before (nothing is merged between calls, as in `@openai/chatkit`), with the attributes
 * filling in what they leave out: any top-level option, and `api.url` / `api.domainKey`.
 * `undefined` until there is an endpoint to talk to.
 */
export function effectiveOptions(
  attributes: Partial<ChatKitOptions>,
  given: Partial<ChatKitOptions> | null,
): ChatKitOptions | undefined {
  const merged: Partial<ChatKitOptions> = { ...attributes, ...given };
  const url = given?.api?.url ?? attributes.api?.url;
  if (!url) return undefined;
  const domainKey = given?.api?.domainKey ?? attributes.api?.domainKey;
  return { ...merged, api: { ...given?.api, url, ...(domainKey !== undefined ? { domainKey } : {}) } };
}
