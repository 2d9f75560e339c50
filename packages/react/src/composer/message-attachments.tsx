import type { Attachment } from '@chatwire/protocol';
import { useContext, useEffect, useState } from 'react';
import { RuntimeContext } from '../context.js';
import { FileIcon } from '../parts/icons.js';
import { useStrings } from '../strings/use-strings.js';

/** The attachments of a sent message: images as previews, other files as chips with their names. */
export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const strings = useStrings();
  if (attachments.length === 0) return null;
  return (
    <ul className="cw-attachment-list" aria-label={strings.attachments}>
      {attachments.map((attachment) => (
        <li key={attachment.id} className={attachment.type === 'image' ? 'cw-attachment-preview' : 'cw-chip'}>
          {attachment.type === 'image' ? (
            <AttachmentImage url={attachment.preview_url} name={attachment.name} />
          ) : (
            <>
              <FileIcon />
              <span>{attachment.name}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * An image attachment's preview. The page loads `preview_url` itself (a cookie session on the
 * same origin works as is); when that fails (a token in a header instead of a cookie) it is
 * fetched once through the chat's own `fetch`, which adds the credentials only for the
 * endpoint's own origin. Failing that, the file's name stands in.
 */
function AttachmentImage({ url, name }: { url: string; name: string }) {
  const runtime = useContext(RuntimeContext);
  const [src, setSrc] = useState<string | undefined>(url);
  const [stage, setStage] = useState<'page' | 'fetch' | 'failed'>('page');

  useEffect(() => {
    if (stage !== 'fetch') return;
    let objectUrl: string | undefined;
    let cancelled = false;
    const client = runtime?.controller.client;
    if (!client) {
      setStage('failed');
      return;
    }
    client
      .fetchRelated(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = await response.blob();
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => {
        if (!cancelled) setStage('failed');
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [stage, url, runtime]);

  if (stage === 'failed' || src === undefined) {
    return (
      <span className="cw-chip">
        <FileIcon />
        <span>{name}</span>
      </span>
    );
  }
  return (
    <img
      className="cw-attachment-preview-image"
      src={src}
      alt={name}
      loading="lazy"
      onError={() => {
        if (stage === 'page') {
          setSrc(undefined);
          setStage('fetch');
        } else setStage('failed');
      }}
    />
  );
}
