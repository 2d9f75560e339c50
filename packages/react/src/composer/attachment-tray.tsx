import { useSettings } from '../context.js';
import { CloseIcon, FileIcon } from '../parts/icons.js';
import { formatBytes } from '../strings/format-bytes.js';
import { useStrings } from '../strings/use-strings.js';
import type { Rejection } from './attachment-rules.js';
import type { ComposerAttachment } from './use-attachments.js';

interface AttachmentTrayProps {
  attachments: readonly ComposerAttachment[];
  onRemove: (key: string) => void;
}

/** The attachments of the message being written: image previews and file chips, each with "Remove ‹name›". */
export function AttachmentTray({ attachments, onRemove }: AttachmentTrayProps) {
  const strings = useStrings();
  if (attachments.length === 0) return null;
  return (
    <ul className="cw-attachment-tray" aria-label={strings.attachments}>
      {attachments.map((entry) => {
        const status =
          entry.status === 'uploading' ? strings.uploading : entry.status === 'failed' ? strings.uploadFailed : undefined;
        return (
          <li
            key={entry.key}
            className={entry.localPreview ? 'cw-attachment cw-attachment-image' : 'cw-attachment cw-attachment-file'}
            data-status={entry.status}
            title={status ? `${entry.name} · ${status}` : entry.name}
          >
            {entry.localPreview ? (
              <img className="cw-attachment-thumb" src={entry.localPreview} alt={entry.name} />
            ) : (
              <>
                <span className="cw-attachment-icon">
                  <FileIcon />
                </span>
                <span className="cw-attachment-name">{entry.name}</span>
              </>
            )}
            {entry.status === 'uploading' ? <span className="cw-attachment-spinner" aria-hidden="true" /> : null}
            {status ? <span className={entry.localPreview ? 'cw-visually-hidden' : 'cw-attachment-status'}>{status}</span> : null}
            <button
              type="button"
              className="cw-attachment-remove"
              aria-label={strings.removeAttachment(entry.name)}
              title={strings.removeAttachment(entry.name)}
              onClick={() => onRemove(entry.key)}
            >
              <CloseIcon />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Why files were not attached, until dismissed or the next files come. */
export function RejectedFiles({ rejected, onDismiss }: { rejected: readonly Rejection[]; onDismiss: () => void }) {
  const strings = useStrings();
  const { locale } = useSettings();
  if (rejected.length === 0) return null;
  const lines = new Set(
    rejected.map((entry) =>
      entry.reason === 'count'
        ? strings.tooManyFiles(entry.max)
        : entry.reason === 'size'
          ? strings.fileTooLarge(entry.file.name, formatBytes(entry.limit, locale.lang))
          : strings.fileNotAccepted(entry.file.name),
    ),
  );
  return (
    <div className="cw-composer-note" role="alert">
      <ul>
        {[...lines].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <button type="button" className="cw-icon-button" aria-label={strings.dismiss} onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}
