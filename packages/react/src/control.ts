import type { ChatController } from '@chatwire/client';
import type { ChatKitOptions, ComposerValue } from './options.js';

/** What the mounted composer does with `setComposerValue` (everything but the text, which is chat state). */
export type ComposerValueHandler = (value: ComposerValue) => void;

/**
 * UI state that is not chat state: the history drawer on narrow screens, the composer element
 * (for `focusComposer()`), and whether the first load ran. Kept outside React so the methods
 * `useChatKit` returns work from anywhere.
 */
export class ChatUi {
  composer: HTMLTextAreaElement | null = null;
  /** The narrow-layout button that shows the thread list; focus returns to it when the list closes. */
  historyToggle: HTMLButtonElement | null = null;
  /** Set once `<ChatKit/>` has started the first loads, so a remount (or StrictMode) does not repeat them. */
  started = false;
  private historyOpen = false;
  private readonly listeners = new Set<() => void>();
  private composerValueHandler: ComposerValueHandler | null = null;
  private pendingComposerValues: ComposerValue[] = [];

  constructor(
    readonly emitReady: () => void,
    /** The options of the latest render, for handlers (`entities.onTagSearch`, `onToolChange`, …). */
    readonly latestOptions: () => ChatKitOptions = () => ({ api: { url: '' } }),
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  isHistoryOpen = (): boolean => this.historyOpen;

  setHistoryOpen(open: boolean): void {
    if (open === this.historyOpen) return;
    this.historyOpen = open;
    for (const listener of [...this.listeners]) listener();
  }

  focusComposer(): void {
    this.composer?.focus();
  }

  /** Hands files and tool/model choices to the composer; kept until one is mounted. */
  setComposerValue(value: ComposerValue): void {
    if (this.composerValueHandler) this.composerValueHandler(value);
    else this.pendingComposerValues.push(value);
  }

  /** The composer registers here while mounted; values given before it mounted are applied at once. */
  onComposerValue(handler: ComposerValueHandler): () => void {
    this.composerValueHandler = handler;
    const pending = this.pendingComposerValues;
    this.pendingComposerValues = [];
    for (const value of pending) handler(value);
    return () => {
      if (this.composerValueHandler === handler) this.composerValueHandler = null;
    };
  }
}

/** What `useChatKit` hands to `<ChatKit control={…}/>`. */
export interface ChatKitControl {
  readonly controller: ChatController;
  readonly ui: ChatUi;
  readonly options: ChatKitOptions;
}
