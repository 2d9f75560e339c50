import { loadConfig } from './config.js';

/**
 * Variables other programs of this repository read from the same environment: the examples, and
 * `npm run doctor`, which checks `CHATWIRE_MCP_SERVERS` on its own.
 */
const READ_ELSEWHERE = new Set(['CHATWIRE_UPSTREAM', 'CHATWIRE_JWKS_URL', 'MCP_PORT', 'NEXT_PORT', 'CHATWIRE_MCP_SERVERS']);

/**
 * Names the app would own if they existed: a variable with one of these prefixes that nothing
 * reads is a typo. (`OPENAI_*` is not among them: the OpenAI client reads several of its own.)
 */
const OWN_PREFIXES = /^(CHATWIRE_|AUTH_)/;

let known: ReadonlySet<string> | undefined;

/**
 * Every variable `loadConfig` reads, found by watching it read an empty environment: a variable
 * added there is known here too, with nothing else to update.
 */
export function configVariables(): ReadonlySet<string> {
  if (known) return known;
  const names = new Set<string>();
  const watched = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    },
  );
  loadConfig(watched);
  known = names;
  return names;
}

export interface UnknownVariable {
  name: string;
  /** The known variable it most likely means. */
  suggestion?: string;
}

/** Variables set in `env` with one of the app's prefixes that neither the app nor the examples read. */
export function unknownVariables(env: Readonly<Record<string, string | undefined>>): UnknownVariable[] {
  const names = configVariables();
  return Object.keys(env)
    .filter((name) => OWN_PREFIXES.test(name) && !names.has(name) && !READ_ELSEWHERE.has(name))
    .sort()
    .map((name) => {
      const suggestion = closest(name, [...names]);
      return suggestion === undefined ? { name } : { name, suggestion };
    });
}

/** The known name within a few edits of `name`, if there is one. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 5)) + 1;
  for (const candidate of candidates) {
    if (candidate.startsWith(name)) return candidate;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
