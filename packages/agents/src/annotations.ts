import type { Annotation } from '@chatwire/protocol';
import { z } from 'zod';

/** The Responses API citation shapes this package understands (fields it does not use are ignored). */
export const UrlCitation = z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  title: z.string().optional(),
  start_index: z.number().int().optional(),
  end_index: z.number().int().optional(),
});
export type UrlCitation = z.infer<typeof UrlCitation>;

export const FileCitation = z.object({
  type: z.literal('file_citation'),
  file_id: z.string().optional(),
  filename: z.string().optional(),
  index: z.number().int().optional(),
});
export type FileCitation = z.infer<typeof FileCitation>;

export const ContainerFileCitation = z.object({
  type: z.literal('container_file_citation'),
  file_id: z.string().optional(),
  filename: z.string().optional(),
  start_index: z.number().int().optional(),
  end_index: z.number().int().optional(),
});
export type ContainerFileCitation = z.infer<typeof ContainerFileCitation>;

const Citation = z.discriminatedUnion('type', [UrlCitation, FileCitation, ContainerFileCitation]);

/** Overridable conversions from model citations to ChatKit annotations; return `null` to drop one. */
export interface CitationHooks {
  urlCitation?(citation: UrlCitation): Annotation | null;
  fileCitation?(citation: FileCitation): Annotation | null;
  containerFileCitation?(citation: ContainerFileCitation): Annotation | null;
}

/**
 * A model annotation as a ChatKit annotation, or `null` for kinds ChatKit cannot show (a
 * `file_path`, a file citation without a file name). The index is where the footnote goes: the
 * end of the cited span when the model gives one.
 */
export function toAnnotation(raw: unknown, hooks: CitationHooks = {}): Annotation | null {
  const parsed = Citation.safeParse(raw);
  if (!parsed.success) return null;
  const citation = parsed.data;
  switch (citation.type) {
    case 'url_citation':
      return hooks.urlCitation ? hooks.urlCitation(citation) : urlAnnotation(citation);
    case 'file_citation':
      return hooks.fileCitation ? hooks.fileCitation(citation) : fileAnnotation(citation.filename, citation.index);
    case 'container_file_citation':
      return hooks.containerFileCitation
        ? hooks.containerFileCitation(citation)
        : fileAnnotation(citation.filename, citation.end_index);
  }
}

function urlAnnotation(citation: UrlCitation): Annotation {
  const annotation: Annotation = {
    type: 'annotation',
    source: { type: 'url', url: citation.url, title: citation.title || citation.url },
  };
  if (citation.end_index !== undefined) annotation.index = citation.end_index;
  return annotation;
}

function fileAnnotation(filename: string | undefined, index: number | undefined): Annotation | null {
  if (!filename) return null;
  const annotation: Annotation = { type: 'annotation', source: { type: 'file', filename, title: filename } };
  if (index !== undefined) annotation.index = index;
  return annotation;
}
