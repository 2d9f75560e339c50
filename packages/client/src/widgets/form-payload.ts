/** What a form field holds when an action fires: text, a checkbox, or several picked values. */
export type FormValue = string | boolean | string[];

export interface MergedPayload {
  /** The action's payload with the form values in it. */
  payload: Record<string, unknown>;
  /** Field names whose values were left out because the payload already had that key. */
  ignored: string[];
}

/**
 * Puts a form's values into an action's payload, keyed by field name; a dotted name nests
 * (`todo.title` → `payload.todo.title`). The reference's collision rule: a key the action's own
 * payload already has wins, and the form value is ignored (and reported, so the integrator hears
 * of what is probably a mistake). Nesting into an object the payload already has is not a
 * collision; a name that would go through a non-object value is. Neither input is mutated.
 */
export function mergeFormValues(payload: unknown, values: Readonly<Record<string, FormValue>>): MergedPayload {
  const base = isPlainObject(payload) ? payload : {};
  const merged: Record<string, unknown> = structuredCloneObject(base);
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const path = name.split('.');
    if (name === '' || path.some((part) => part === '' || UNSAFE_KEYS.has(part))) {
      ignored.push(name);
      continue;
    }
    if (!setAt(merged, path, value)) ignored.push(name);
  }
  return { payload: merged, ignored };
}

/** Keys that would reach an object's prototype instead of the object. */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function setAt(target: Record<string, unknown>, path: readonly string[], value: FormValue): boolean {
  let node = target;
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index]!;
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    } else if (isPlainObject(next)) {
      node = next;
    } else {
      return false;
    }
  }
  const leaf = path[path.length - 1]!;
  if (Object.hasOwn(node, leaf)) return false;
  node[leaf] = Array.isArray(value) ? value.slice() : value;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of the payload's own object structure, so nesting never writes into the caller's objects. */
function structuredCloneObject(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = isPlainObject(inner) ? structuredCloneObject(inner) : inner;
  return copy;
}
