import { uploadAttachment, type ChatController } from '@chatwire/client';
import type { Attachment } from '@chatwire/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sortFiles, type AttachmentLimits, type Rejection } from './attachment-rules.js';

export interface ComposerAttachment {
  /** Local key (the server id arrives with the upload). */
  key: string;
  name: string;
  mimeType: string;
  status: 'uploading' | 'ready' | 'failed';
  /** An object URL of the picked image, so its preview shows before (and without) any round trip. */
  localPreview?: string;
  attachment?: Attachment;
}

interface Entry extends ComposerAttachment {
  abort: AbortController;
}

let nextKey = 0;

const isPreviewable = (file: File) => /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i.test(file.type);

/**
 * The composer's attachments: files checked against the options' limits (type, size, count),
 * uploaded at once (`uploadAttachment`, two-phase or direct, through the chat's own `fetch`),
 * shown with a local preview. Removing one cancels its upload or deletes it on the server
 * (`attachments.delete`). `take()` hands the ready ones' ids to the message being sent.
 */
export function useAttachments(controller: ChatController, limits: AttachmentLimits) {
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [rejected, setRejected] = useState<readonly Rejection[]>([]);
  const current = useRef(entries);
  current.current = entries;
  const limitsRef = useRef(limits);
  limitsRef.current = limits;

  const patch = useCallback((key: string, change: Partial<Entry>) => {
    setEntries((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const { accepted, rejected: refused } = sortFiles(files, limitsRef.current, current.current.length);
      setRejected(refused);
      if (accepted.length === 0) return;
      const added: Entry[] = accepted.map((file) => ({
        key: `a${++nextKey}`,
        name: file.name || 'file',
        mimeType: file.type,
        status: 'uploading',
        abort: new AbortController(),
        ...(isPreviewable(file) ? { localPreview: URL.createObjectURL(file) } : {}),
      }));
      current.current = [...current.current, ...added];
      setEntries(current.current);
      added.forEach((entry, i) => {
        const file = accepted[i]!;
        uploadAttachment(controller.client, file, limitsRef.current.strategy, { signal: entry.abort.signal }).then(
          (attachment) => {
            // Removed while uploading: the server has it anyway, so take it back.
            if (entry.abort.signal.aborted) void forget(controller, attachment.id);
            else patch(entry.key, { attachment, status: 'ready' });
          },
          () => {
            if (!entry.abort.signal.aborted) patch(entry.key, { status: 'failed' });
          },
        );
      });
    },
    [controller, patch],
  );

  const remove = useCallback(
    (key: string) => {
      const entry = current.current.find((candidate) => candidate.key === key);
      if (!entry) return;
      current.current = current.current.filter((candidate) => candidate !== entry);
      setEntries(current.current);
      entry.abort.abort();
      if (entry.localPreview) URL.revokeObjectURL(entry.localPreview);
      if (entry.attachment) void forget(controller, entry.attachment.id);
    },
    [controller],
  );

  /** The ready attachments' ids for the message being sent; the tray empties. */
  const take = useCallback((): string[] => {
    const ids = current.current.flatMap((entry) => (entry.status === 'ready' && entry.attachment ? [entry.attachment.id] : []));
    for (const entry of current.current) if (entry.localPreview) URL.revokeObjectURL(entry.localPreview);
    current.current = [];
    setEntries([]);
    setRejected([]);
    return ids;
  }, []);

  const dismissRejected = useCallback(() => setRejected([]), []);

  // Object URLs hold the file's bytes in memory until revoked.
  useEffect(
    () => () => {
      for (const entry of current.current) if (entry.localPreview) URL.revokeObjectURL(entry.localPreview);
    },
    [],
  );

  const uploading = entries.some((entry) => entry.status === 'uploading');
  const ready = entries.some((entry) => entry.status === 'ready');
  return {
    attachments: entries as readonly ComposerAttachment[],
    rejected,
    add,
    remove,
    take,
    dismissRejected,
    uploading,
    ready,
  };
}

function forget(controller: ChatController, id: string): Promise<void> {
  return controller.client.deleteAttachment({ attachment_id: id }).catch(() => {});
}
