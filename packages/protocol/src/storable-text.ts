/**
 * What text the protocol stores: any Unicode code point except U+0000, in well-formed UTF-16 (no
 * lone surrogate). Those two are what no UTF-8 text can carry faithfully (a lone surrogate has no
 * UTF-8 form at all) and what Postgres refuses in `text` and `jsonb` alike. Control characters,
 * bidirectional marks, private-use and unassigned code points are text like any other: stored
 * and given back exactly.
 */

const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type JsonPath = (string | number)[];

export interface UnstorableText {
  /** Where the text is: keys and indexes from the value given. */
  path: JsonPath;
  /** Whether it is a value or an object key. */
  in: 'value' | 'key';
  /** What is wrong with it, for an error message. */
  problem: string;
}

/** Why `text` cannot be stored, or `undefined` when it can. */
export function textProblem(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'contains U+0000 (NUL), which cannot be stored';
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone surrogate (U+${unit}), which is not valid Unicode text`;
  }
  return undefined;
}

export function isStorableText(text: string): boolean {
  return textProblem(text) === undefined;
}

/** A node's place: its key and its parent's place, so that paths are built only for what is found. */
type Place = { key: string | number; parent: Place } | null;

function pathOf(place: Place): JsonPath {
  const path: JsonPath = [];
  for (let at = place; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first string (value or object key) in a JSON value that cannot be stored, depth first, or
 * `undefined` when every one can. Walks with its own stack: no nesting depth overflows it.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const stack: [unknown, Place][] = [[value, null]];
  while (stack.length > 0) {
    const [node, place] = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { path: pathOf(place), in: 'value', problem };
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], { key: i, parent: place }]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (const [key] of entries) {
        const problem = textProblem(key);
        if (problem) return { path: pathOf({ key, parent: place }), in: 'key', problem: `has a key that ${problem}` };
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], { key: entries[i]![0], parent: place }]);
    }
  }
  return undefined;
}
