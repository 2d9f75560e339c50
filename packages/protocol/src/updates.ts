import { z } from 'zod';
import { optional } from './common.js';
import { AssistantMessageContent, GeneratedImage } from './items.js';
import { Annotation } from './sources.js';
import { WidgetComponent, WidgetRoot } from './widgets.js';
import { Task } from './workflow.js';

const contentIndex = z.number().int().nonnegative();

export const AssistantMessageContentPartAdded = z.object({
  type: z.literal('assistant_message.content_part.added'),
  content_index: contentIndex,
  content: AssistantMessageContent,
});
export type AssistantMessageContentPartAdded = z.infer<typeof AssistantMessageContentPartAdded>;

export const AssistantMessageContentPartTextDelta = z.object({
  type: z.literal('assistant_message.content_part.text_delta'),
  content_index: contentIndex,
  delta: z.string(),
});
export type AssistantMessageContentPartTextDelta = z.infer<typeof AssistantMessageContentPartTextDelta>;

export const AssistantMessageContentPartAnnotationAdded = z.object({
  type: z.literal('assistant_message.content_part.annotation_added'),
  content_index: contentIndex,
  annotation_index: z.number().int().nonnegative(),
  annotation: Annotation,
});
export type AssistantMessageContentPartAnnotationAdded = z.infer<typeof AssistantMessageContentPartAnnotationAdded>;

export const AssistantMessageContentPartDone = z.object({
  type: z.literal('assistant_message.content_part.done'),
  content_index: contentIndex,
  content: AssistantMessageContent,
});
export type AssistantMessageContentPartDone = z.infer<typeof AssistantMessageContentPartDone>;

/** Appends to the `value` of a streaming Text or Markdown component that has an `id`. */
export const WidgetStreamingTextValueDelta = z.object({
  type: z.literal('widget.streaming_text.value_delta'),
  component_id: z.string(),
  delta: z.string(),
  done: z.boolean(),
});
export type WidgetStreamingTextValueDelta = z.infer<typeof WidgetStreamingTextValueDelta>;

export const WidgetRootUpdated = z.object({ type: z.literal('widget.root.updated'), widget: WidgetRoot });
export type WidgetRootUpdated = z.infer<typeof WidgetRootUpdated>;

export const WidgetComponentUpdated = z.object({
  type: z.literal('widget.component.updated'),
  component_id: z.string(),
  component: WidgetComponent,
});
export type WidgetComponentUpdated = z.infer<typeof WidgetComponentUpdated>;

export const WorkflowTaskAdded = z.object({
  type: z.literal('workflow.task.added'),
  task_index: z.number().int().nonnegative(),
  task: Task,
});
export type WorkflowTaskAdded = z.infer<typeof WorkflowTaskAdded>;

export const WorkflowTaskUpdated = z.object({
  type: z.literal('workflow.task.updated'),
  task_index: z.number().int().nonnegative(),
  task: Task,
});
export type WorkflowTaskUpdated = z.infer<typeof WorkflowTaskUpdated>;

export const GeneratedImageUpdated = z.object({
  type: z.literal('generated_image.updated'),
  image: GeneratedImage,
  /** From 0 to 1. */
  progress: optional(z.number().min(0).max(1)),
});
export type GeneratedImageUpdated = z.infer<typeof GeneratedImageUpdated>;

export const ThreadItemUpdate = z.discriminatedUnion('type', [
  AssistantMessageContentPartAdded,
  AssistantMessageContentPartTextDelta,
  AssistantMessageContentPartAnnotationAdded,
  AssistantMessageContentPartDone,
  WidgetStreamingTextValueDelta,
  WidgetComponentUpdated,
  WidgetRootUpdated,
  WorkflowTaskAdded,
  WorkflowTaskUpdated,
  GeneratedImageUpdated,
]);
export type ThreadItemUpdate = z.infer<typeof ThreadItemUpdate>;
