import { z } from 'zod';

/**
 * An optional field that also accepts `null` on input and normalizes it to `undefined`, so that
 * `JSON.stringify` omits it on output: the reference server serializes with `exclude_none`.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

/** ISO-8601 timestamps; Unix seconds are accepted on input, as the reference accepts them. */
export const Timestamp = z.union([
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO-8601 datetime'),
  z
    .number()
    .finite()
    .transform((seconds) => new Date(seconds * 1000).toISOString()),
]);

/** A URL, normalized the way pydantic's `AnyUrl` does (`https://a.b` becomes `https://a.b/`). */
export const Url = z.string().transform((value, ctx) => {
  try {
    return new URL(value).href;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Expected a URL' });
    return z.NEVER;
  }
});

/** Any JSON object with string keys. */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

export const FeedbackKind = z.enum(['positive', 'negative']);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;
