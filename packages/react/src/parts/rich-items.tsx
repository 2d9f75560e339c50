import type { ClientToolCallItem, GeneratedImageItem } from '@chatwire/protocol';
import { useContext } from 'react';
import { useChatState } from '../context.js';
import { useStrings } from '../strings/use-strings.js';
import { widgetImageUrl } from '../widgets/image-url.js';
import { ImageDomainsContext } from './assistant-message.js';

/** A client tool call: what the page is asked to do, and whether it has answered. */
export function ClientToolCallView({ item }: { item: ClientToolCallItem }) {
  const strings = useStrings();
  const done = item.status === 'completed';
  return (
    <div className="cw-item cw-tool-call" data-item-type="client_tool_call" data-item-id={item.id} data-status={item.status}>
      <span className="cw-task" data-task-status={done ? 'complete' : 'loading'}>
        <span className="cw-task-mark" aria-hidden="true" />
        <span>{done ? strings.toolDone(item.name) : strings.toolRunning(item.name)}</span>
      </span>
    </div>
  );
}

/** Where a generated image may load from: inline data, the app's own origin, or the thread's allowed domains. */
function imageSource(url: string, domains: readonly string[] | undefined): string | undefined {
  const inline = widgetImageUrl(url, domains);
  if (inline) return inline;
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** An image the assistant generates: a progress bar while it is made (partial images shown), then the image. */
export function GeneratedImageView({ item, streaming }: { item: GeneratedImageItem; streaming: boolean }) {
  const strings = useStrings();
  const domains = useContext(ImageDomainsContext);
  const progress = useChatState((state) => state.imageProgress[item.id]);
  const src = item.image ? imageSource(item.image.url, domains) : undefined;
  return (
    <figure
      className="cw-item cw-generated-image"
      data-item-type="generated_image"
      data-item-id={item.id}
      aria-busy={streaming || undefined}
    >
      {src ? (
        <img src={src} alt={strings.generatedImage} data-partial={streaming || undefined} />
      ) : (
        <div className="cw-image-placeholder" />
      )}
      {streaming ? (
        <progress className="cw-image-progress" aria-label={strings.generatingImage} max={1} value={progress ?? undefined} />
      ) : null}
    </figure>
  );
}
