import type { Annotation, AssistantMessageContent, AssistantMessageItem, ThreadItemUpdate } from '@chatwire/protocol';
import { toAnnotation, type CitationHooks } from './annotations.js';
import type { ResponseSink } from './response-sink.js';

interface Part {
  text: string;
  annotations: Annotation[];
  done?: boolean;
}

interface OpenMessage {
  id: string;
  createdAt: string;
  parts: Part[];
}

/** The final content of a message as the model reported it. */
export interface FinalPart {
  text: string;
  /** Raw model annotations, converted here. */
  annotations?: readonly unknown[];
}

/**
 * Assistant messages while they stream, keyed by the model's own item id. Our items get store ids
 * (a model's ids are not unique across providers: Chat Completions gives every item of a
 * response the same one, the offline model none). Each part counts its own annotations, so an
 * annotation ChatKit cannot show leaves no gap in the indices.
 */
export class AssistantMessages {
  private readonly open = new Map<string, OpenMessage>();

  constructor(
    private readonly sink: ResponseSink,
    private readonly citations: CitationHooks = {},
  ) {}

  has(key: string): boolean {
    return this.open.has(key);
  }

  start(key: string): void {
    if (this.open.has(key)) return;
    const message: OpenMessage = { id: this.sink.newId('message'), createdAt: this.sink.timestamp(), parts: [] };
    this.open.set(key, message);
    const item = this.item(message, []);
    this.sink.beforeItem(item);
    this.sink.emit({ type: 'thread.item.added', item });
  }

  partAdded(key: string, index: number, text = '', rawAnnotations: readonly unknown[] = []): void {
    const message = this.require(key);
    const part: Part = { text, annotations: this.convert(rawAnnotations) };
    message.parts[index] = part;
    this.update(message, { type: 'assistant_message.content_part.added', content_index: index, content: this.content(part) });
  }

  delta(key: string, index: number, delta: string): void {
    const message = this.require(key);
    const part = message.parts[index];
    if (part === undefined) {
      this.partAdded(key, index);
      return this.delta(key, index, delta);
    }
    part.text += delta;
    this.update(message, { type: 'assistant_message.content_part.text_delta', content_index: index, delta });
  }

  annotation(key: string, index: number, raw: unknown): void {
    const message = this.require(key);
    const annotation = toAnnotation(raw, this.citations);
    if (!annotation) return;
    const part = message.parts[index] ?? (message.parts[index] = { text: '', annotations: [] });
    part.annotations.push(annotation);
    this.update(message, {
      type: 'assistant_message.content_part.annotation_added',
      content_index: index,
      annotation_index: part.annotations.length - 1,
      annotation,
    });
  }

  /**
   * The part is complete. Its annotations so far travel with it (the reference sends an empty
   * list here, which would wipe the citations a client has already shown).
   */
  partDone(key: string, index: number, text?: string): void {
    const message = this.require(key);
    const part = message.parts[index] ?? (message.parts[index] = { text: '', annotations: [] });
    if (text !== undefined) part.text = text;
    part.done = true;
    this.update(message, { type: 'assistant_message.content_part.done', content_index: index, content: this.content(part) });
  }

  /** The message is complete: `final` (the model's own record) wins over what was streamed. */
  done(key: string, final?: readonly FinalPart[]): void {
    const message = this.open.get(key);
    if (!message) return;
    this.open.delete(key);
    const content = final
      ? final.map((part) => ({
          type: 'output_text' as const,
          text: part.text,
          annotations: this.convert(part.annotations ?? []),
        }))
      : message.parts.map((part) => this.content(part));
    this.sink.emit({ type: 'thread.item.done', item: this.item(message, content) });
  }

  /** A complete message that was never streamed (a provider that answered in one piece). */
  whole(final: readonly FinalPart[]): void {
    const key = `whole:${this.sink.newId('message')}`;
    this.start(key);
    this.done(key, final);
  }

  /**
   * After a failure: every open message keeps the text the user already saw (its open parts are
   * finished first); one with no text at all is taken back instead.
   */
  closePartial(): void {
    for (const [key, message] of [...this.open]) {
      if (message.parts.some((part) => part.text !== '')) {
        message.parts.forEach((part, index) => {
          if (!part.done) this.partDone(key, index);
        });
        this.done(key);
      } else {
        this.open.delete(key);
        this.sink.emit({ type: 'thread.item.removed', item_id: message.id });
      }
    }
  }

  /** Forgets open messages without a word (their removal is announced elsewhere). */
  discard(): void {
    this.open.clear();
  }

  private require(key: string): OpenMessage {
    if (!this.open.has(key)) this.start(key);
    return this.open.get(key)!;
  }

  private convert(raw: readonly unknown[]): Annotation[] {
    const out: Annotation[] = [];
    for (const item of raw) {
      const annotation = toAnnotation(item, this.citations);
      if (annotation) out.push(annotation);
    }
    return out;
  }

  private content(part: Part): AssistantMessageContent {
    return { type: 'output_text', text: part.text, annotations: [...part.annotations] };
  }

  private item(message: OpenMessage, content: AssistantMessageContent[]): AssistantMessageItem {
    return { type: 'assistant_message', id: message.id, thread_id: this.sink.threadId, created_at: message.createdAt, content };
  }

  private update(message: OpenMessage, update: ThreadItemUpdate): void {
    this.sink.emit({ type: 'thread.item.updated', item_id: message.id, update });
  }
}
