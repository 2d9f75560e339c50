import { z } from 'zod';
import { optional } from './common.js';
import { IconName } from './icons.js';
import { FileSource, URLSource } from './sources.js';

const taskBase = {
  status_indicator: z.enum(['none', 'loading', 'complete']).default('none'),
};

export const CustomTask = z.object({
  ...taskBase,
  type: z.literal('custom'),
  title: optional(z.string()),
  icon: optional(IconName),
  content: optional(z.string()),
});
export type CustomTask = z.infer<typeof CustomTask>;

export const SearchTask = z.object({
  ...taskBase,
  type: z.literal('web_search'),
  title: optional(z.string()),
  title_query: optional(z.string()),
  queries: z.array(z.string()).default([]),
  sources: z.array(URLSource).default([]),
});
export type SearchTask = z.infer<typeof SearchTask>;

export const ThoughtTask = z.object({
  ...taskBase,
  type: z.literal('thought'),
  title: optional(z.string()),
  content: z.string(),
});
export type ThoughtTask = z.infer<typeof ThoughtTask>;

export const FileTask = z.object({
  ...taskBase,
  type: z.literal('file'),
  title: optional(z.string()),
  sources: z.array(FileSource).default([]),
});
export type FileTask = z.infer<typeof FileTask>;

export const ImageTask = z.object({
  ...taskBase,
  type: z.literal('image'),
  title: optional(z.string()),
});
export type ImageTask = z.infer<typeof ImageTask>;

export const Task = z.discriminatedUnion('type', [CustomTask, SearchTask, ThoughtTask, FileTask, ImageTask]);
export type Task = z.infer<typeof Task>;

export const CustomSummary = z.object({ title: z.string(), icon: optional(IconName) });
export type CustomSummary = z.infer<typeof CustomSummary>;

/** The workflow took `duration` seconds. */
export const DurationSummary = z.object({ duration: z.number().int() });
export type DurationSummary = z.infer<typeof DurationSummary>;

/** The two summary shapes have no discriminator; they differ by their keys. */
export const WorkflowSummary = z.union([CustomSummary, DurationSummary]);
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

export const Workflow = z.object({
  type: z.enum(['custom', 'reasoning']),
  tasks: z.array(Task),
  summary: optional(WorkflowSummary),
  expanded: z.boolean().default(false),
});
export type Workflow = z.infer<typeof Workflow>;
