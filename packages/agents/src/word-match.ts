/** Plain word matching for the offline model: keywords, a crude stem, and overlap counts. */

const STOP_WORDS = new Set(
  (
    'a an the and or but if then so than that this these those there here what whats which who whom whose when where why how ' +
    'is are was were be been being am do does did done doing have has had can could would should will shall may might must ' +
    'i me my mine you your yours we us our he she him her his it its they them their to of in on at by for from with about ' +
    'into over under as not no yes please tell show give say says said let lets know want need like just also any some ' +
    'page site website web thing things something anything one get got make'
  ).split(' '),
);

/** Lower-cased content words of `text`, each cut to a crude stem ("refunds" → "refund"). */
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

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('es') && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
