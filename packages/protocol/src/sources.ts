import { z } from 'zod';
import { JsonObject, optional } from './common.js';
import { IconName } from './icons.js';

const sourceBase = {
  title: z.string(),
  description: optional(z.string()),
  timestamp: optional(z.string()),
  group: optional(z.string()),
};

export const FileSource = z.object({ ...sourceBase, type: z.literal('file'), filename: z.string() });
export type FileSource = z.infer<typeof FileSource>;

export const URLSource = z.object({
  ...sourceBase,
  type: z.literal('url'),
  url: z.string(),
  attribution: optional(z.string()),
});
export type URLSource = z.infer<typeof URLSource>;

export const EntitySource = z.object({
  ...sourceBase,
  type: z.literal('entity'),
  id: z.string(),
  icon: optional(IconName),
  label: optional(z.string()),
  inline_label: optional(z.string()),
  interactive: z.boolean().default(false),
  data: JsonObject.default({}),
  /** Deprecated in the reference; kept so such sources round-trip. */
  preview: optional(z.literal('lazy')),
});
export type EntitySource = z.infer<typeof EntitySource>;

export const Source = z.discriminatedUnion('type', [FileSource, URLSource, EntitySource]);
export type Source = z.infer<typeof Source>;

export const Annotation = z.object({
  type: z.literal('annotation'),
  source: Source,
  /** Character position of the footnote marker in the text. */
  index: optional(z.number().int()),
});
export type Annotation = z.infer<typeof Annotation>;
