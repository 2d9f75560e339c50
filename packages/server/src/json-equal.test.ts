import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  it('compares primitives exactly, with NaN equal to itself', () => {
    expect(jsonEqual('a', 'a')).toBe(true);
    expect(jsonEqual(1, 1)).toBe(true);
    expect(jsonEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual(null, undefined)).toBe(false);
    expect(jsonEqual(0, false)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });

  it('compares nested objects and arrays by content, not identity or key order', () => {
    const a = { style: { gap: 2, padding: [1, 2] }, items: [{ label: 'x', tags: ['a'] }] };
    const b = { items: [{ tags: ['a'], label: 'x' }], style: { padding: [1, 2], gap: 2 } };
    expect(jsonEqual(a, b)).toBe(true);
  });

  it('sees a change at any depth', () => {
    const a = { style: { padding: [1, 2] } };
    expect(jsonEqual(a, { style: { padding: [1, 3] } })).toBe(false);
    expect(jsonEqual(a, { style: { padding: [1, 2, 3] } })).toBe(false);
    expect(jsonEqual(a, { style: { padding: [1, 2] }, extra: 0 })).toBe(false);
    expect(jsonEqual(a, { style: { padding: { 0: 1, 1: 2 } } })).toBe(false);
  });

  it('treats a key holding undefined as absent, as JSON does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
    expect(jsonEqual({ a: undefined, b: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
