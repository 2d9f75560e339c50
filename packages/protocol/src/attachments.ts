import { z } from 'zod';
import { JsonObject, Url, optional } from './common.js';

export const AttachmentUploadDescriptor = z.object({
  url: Url,
  method: z.enum(['POST', 'PUT']),
  headers: z.record(z.string(), z.string()).default({}),
});
export type AttachmentUploadDescriptor = z.infer<typeof AttachmentUploadDescriptor>;

const attachmentBase = {
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
  /** Two-phase upload instructions; cleared once the bytes have arrived. */
  upload_descriptor: optional(AttachmentUploadDescriptor),
  /** The thread the attachment was sent in, set when a user message uses it. */
  thread_id: optional(z.string()),
  /** Integration-only data: stored, never sent to a client. */
  metadata: optional(JsonObject),
};

export const FileAttachment = z.object({ ...attachmentBase, type: z.literal('file') });
export type FileAttachment = z.infer<typeof FileAttachment>;

export const ImageAttachment = z.object({
  ...attachmentBase,
  type: z.literal('image'),
  preview_url: Url,
});
export type ImageAttachment = z.infer<typeof ImageAttachment>;

export const Attachment = z.discriminatedUnion('type', [FileAttachment, ImageAttachment]);
export type Attachment = z.infer<typeof Attachment>;
