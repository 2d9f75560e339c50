import type { GeneratedImageItem } from '@chatwire/protocol';
import type { ResponseSink } from './response-sink.js';

export interface ImageHooks {
  /** A URL for a base64 PNG from the model. Default: a `data:` URL. Override to upload it somewhere. */
  imageUrl?(base64: string, info: { imageId: string; partialIndex?: number }): string;
  /** How many partial images the model was asked for; turns partial indices into progress (0..1). */
  partialImages?: number;
}

/** Images the model generates (the Responses `image_generation` tool), as `generated_image` items. */
export class GeneratedImages {
  private readonly open = new Map<string, GeneratedImageItem>();

  constructor(
    private readonly sink: ResponseSink,
    private readonly hooks: ImageHooks = {},
  ) {}

  start(key: string): void {
    if (this.open.has(key)) return;
    const item: GeneratedImageItem = {
      type: 'generated_image',
      id: this.sink.newId('message'),
      thread_id: this.sink.threadId,
      created_at: this.sink.timestamp(),
    };
    this.open.set(key, item);
    this.sink.beforeItem(item);
    this.sink.emit({ type: 'thread.item.added', item: { ...item } });
  }

  partial(key: string, index: number, base64: string): void {
    const item = this.open.get(key);
    if (!item) return;
    item.image = { id: key, url: this.url(base64, { imageId: key, partialIndex: index }) };
    const partials = this.hooks.partialImages;
    const update =
      partials && partials > 0
        ? { type: 'generated_image.updated' as const, image: item.image, progress: Math.min(1, index / partials) }
        : { type: 'generated_image.updated' as const, image: item.image };
    this.sink.emit({ type: 'thread.item.updated', item_id: item.id, update });
  }

  /** The final image; without one the item is taken back. */
  done(key: string, base64: string | null | undefined): void {
    const item = this.open.get(key);
    if (!item) return;
    this.open.delete(key);
    if (!base64) {
      this.sink.emit({ type: 'thread.item.removed', item_id: item.id });
      return;
    }
    item.image = { id: key, url: this.url(base64, { imageId: key }) };
    this.sink.emit({ type: 'thread.item.done', item });
  }

  /** After a failure: images that never finished are taken back. */
  closePartial(): void {
    for (const item of this.open.values()) this.sink.emit({ type: 'thread.item.removed', item_id: item.id });
    this.open.clear();
  }

  discard(): void {
    this.open.clear();
  }

  private url(base64: string, info: { imageId: string; partialIndex?: number }): string {
    return this.hooks.imageUrl ? this.hooks.imageUrl(base64, info) : `data:image/png;base64,${base64}`;
  }
}
