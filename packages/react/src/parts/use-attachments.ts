import type { ChatController } from '@chatwire/client';
import { useCallback, useRef, useState } from 'react';

export interface ComposerAttachment {
  /** Local key (the server id arrives later). */
  key: string;
  name: string;
  status: 'uploading' | 'ready' | 'failed';
  id?: string;
}

let nextKey = 0;

/**
 * Two-phase uploads for the composer: `attachments.create`, then the bytes to the
 * `upload_descriptor` (through the chat's own `fetch`, so the same credentials apply). The ids of
 * the ready ones go with the next message.
 */
export function useAttachments(controller: ChatController) {
  const [attachments, setAttachments] = useState<readonly ComposerAttachment[]>([]);
  const current = useRef(attachments);
  current.current = attachments;

  const patch = useCallback((key: string, change: Partial<ComposerAttachment>) => {
    setAttachments((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `a${++nextKey}`;
        setAttachments((list) => [...list, { key, name: file.name, status: 'uploading' }]);
        void upload(controller, file).then(
          (id) => patch(key, { id, status: 'ready' }),
          () => patch(key, { status: 'failed' }),
        );
      }
    },
    [controller, patch],
  );

  const remove = useCallback(
    (key: string) => {
      const entry = current.current.find((candidate) => candidate.key === key);
      setAttachments((list) => list.filter((candidate) => candidate.key !== key));
      if (entry?.id) void controller.client.deleteAttachment({ attachment_id: entry.id }).catch(() => {});
    },
    [controller],
  );

  /** The ids to send, and an empty tray. */
  const take = useCallback((): string[] => {
    const ids = current.current.flatMap((entry) => (entry.status === 'ready' && entry.id ? [entry.id] : []));
    setAttachments([]);
    return ids;
  }, []);

  const uploading = attachments.some((entry) => entry.status === 'uploading');
  return { attachments, add, remove, take, uploading };
}

async function upload(controller: ChatController, file: File): Promise<string> {
  const attachment = await controller.client.createAttachment({
    name: file.name,
    size: file.size,
    mime_type: file.type || 'application/octet-stream',
  });
  const target = attachment.upload_descriptor;
  if (target) {
    const send = controller.client.options.fetch ?? fetch;
    const response = await send(target.url, { method: target.method, headers: target.headers, body: file });
    if (!response.ok) throw new Error(`Upload failed with ${response.status}`);
  }
  return attachment.id;
}
