import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import type { Strings } from './strings.js';

/** The languages the chat speaks without help, by primary language subtag. */
const TABLES: Readonly<Record<string, Strings>> = { en, de, ar };

/** Languages written right to left (primary subtags), for `dir`. */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
/** Scripts written right to left, for tags that name one (`az-Arab`, `pa-Arab`). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);

export interface ResolvedLocale {
  /** The BCP 47 tag for `lang`, or `undefined` to inherit the page's. */
  lang: string | undefined;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

/** Which way a language tag is written. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  const [language = '', ...rest] = tag.toLowerCase().split(/[-_]/);
  const script = rest.find((part) => part.length === 4);
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/**
 * The `locale` option as the chat's language: its words (the table for the tag's language, else
 * English, with `overrides` on top), its `lang` and its `dir`. `dir` follows the tag even when
 * the words are English, so a page that brings its own table for an RTL language gets the
 * mirrored layout with it.
 */
export function resolveLocale(locale: string | undefined, overrides?: Partial<Strings>): ResolvedLocale {
  const tag = locale?.trim() || undefined;
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  const table = language !== undefined && Object.hasOwn(TABLES, language) ? TABLES[language]! : en;
  return {
    lang: tag,
    dir: tag ? directionOf(tag) : 'ltr',
    strings: overrides ? { ...table, ...overrides } : table,
  };
}
