/**
 * Plain word matching for the offline model: content words cut to a light stem, and scores that
 * weigh each matched word by how rare it is among the texts being compared (a word every section
 * has says little about which section is meant).
 */

const STOP_WORDS = new Set(
  (
    'a an the and or but if then so than that this these those there here what whats which who whom whose when where why how ' +
    'is are was were be been being am do does did done doing have has had can could would should will shall may might must ' +
    'i me my mine you your yours we us our he she him her his it its they them their to of in on at by for from with about ' +
    'into over under as not no yes please tell show give say says said let lets know want need like just also any some ' +
    'much many per each every very really actually more most ' +
    'page site website web thing things something anything one get got make'
  ).split(' '),
);

/** Lower-cased content words of `text`, each cut to a light stem ("refunds" → "refund", "billed" → "bill"). */
export function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0].replace(/['’].*$/, '');
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    out.add(stem(word));
  }
  return out;
}

/** How many of `wanted` appear in `text`. */
export function overlap(wanted: ReadonlySet<string>, text: string): number {
  if (wanted.size === 0) return 0;
  let count = 0;
  const found = keywords(text);
  for (const word of wanted) if (found.has(word)) count += 1;
  return count;
}

/**
 * The weight of each word of `wanted` among `texts` (given as their `keywords`): the rarer the
 * word, the more it says; a word in none of them weighs nothing.
 */
export function rarity(wanted: ReadonlySet<string>, texts: readonly ReadonlySet<string>[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const word of wanted) {
    const containing = texts.filter((words) => words.has(word)).length;
    if (containing > 0) weights.set(word, Math.log(1 + texts.length / containing));
  }
  return weights;
}

/** The summed weight of the words of `weights` that `words` contains, skipping any in `except`. */
export function weightedMatch(
  weights: ReadonlyMap<string, number>,
  words: ReadonlySet<string>,
  except?: ReadonlySet<string>,
): number {
  let score = 0;
  for (const [word, weight] of weights) if (words.has(word) && !except?.has(word)) score += weight;
  return score;
}

/** Plural s, -ing and -ed off, and a final e, so "price", "prices", "priced" and "pricing" meet. */
function stem(word: string): string {
  let out = word;
  if (out.length > 4 && out.endsWith('ies')) return `${out.slice(0, -3)}y`;
  if (out.length > 4 && /(ss|sh|ch|x)es$/.test(out)) out = out.slice(0, -2);
  else if (out.length > 3 && out.endsWith('s') && !/(ss|us|is)$/.test(out)) out = out.slice(0, -1);
  else if (out.length > 5 && out.endsWith('ing')) out = undouble(out.slice(0, -3));
  else if (out.length > 4 && out.endsWith('ed') && !out.endsWith('eed')) out = undouble(out.slice(0, -2));
  if (out.length > 3 && out.endsWith('e') && !out.endsWith('ee')) out = out.slice(0, -1);
  return out;
}

/** "runn" → "run", "stopp" → "stop"; a doubled l, s or z stays ("bill", "pass"). */
function undouble(word: string): string {
  return /([^aeiouylsz])\1$/.test(word) ? word.slice(0, -1) : word;
}
