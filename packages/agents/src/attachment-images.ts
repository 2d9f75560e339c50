import type { Attachment } from '@chatwire/protocol';
import type { protocol } from '@openai/agents-core';
import { attachmentNote, type ItemConversionHooks } from './thread-items-to-input.js';

type UserContent = protocol.UserContent;

/** Image types every OpenAI-compatible vision endpoint takes, by their first bytes. */
const SIGNATURES: { type: string; test: (bytes: Uint8Array) => boolean }[] = [
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    type: 'image/webp',
    test: (b) =>
      b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42,
  },
];

/** The image type the bytes actually are, or `undefined` for anything else (whatever the upload claimed). */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((signature) => signature.test(bytes))?.type;
}

export interface ImageAttachmentOptions {
  /** The attachment's bytes, or `undefined` when there are none (never uploaded, deleted). */
  readBytes: (attachment: Attachment) => Promise<Uint8Array | undefined>;
  /** Larger images are described by a note instead (default 10 MB; OpenAI takes up to 20 MB). */
  maxImageBytes?: number;
  /** `detail` of the image input (default `auto`). */
  detail?: 'auto' | 'low' | 'high';
}

export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * An `attachment` conversion hook that shows the model the user's images: an image attachment
 * whose bytes really are a PNG, JPEG, GIF or WebP becomes an `input_image` carrying them as a
 * `data:` URL (the model cannot fetch the app's own preview URL, which needs the user's
 * credentials). Anything else (files, unknown or mislabelled bytes, too large, missing) keeps the
 * default note naming the file.
 */
export function imageAttachmentsAsInput(options: ImageAttachmentOptions): NonNullable<ItemConversionHooks['attachment']> {
  const limit = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  return async (attachment: Attachment): Promise<UserContent[]> => {
    if (attachment.type !== 'image') return attachmentNote(attachment);
    const bytes = await options.readBytes(attachment).catch(() => undefined);
    const type = bytes && bytes.byteLength <= limit ? sniffImageType(bytes) : undefined;
    if (!bytes || !type) return attachmentNote(attachment);
    return [
      { type: 'input_text', text: `[The user attached an image: "${attachment.name}".]` },
      { type: 'input_image', image: `data:${type};base64,${toBase64(bytes)}`, detail: options.detail ?? 'auto' },
    ];
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
