import type { ChatController } from '@chatwire/client';
import type { ChatKitOptions } from './options.js';

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

  constructor(readonly emitReady: () => void) {}

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
}

/** What `useChatKit` hands to `<ChatKit control={…}/>`. */
export interface ChatKitControl {
  readonly controller: ChatController;
  readonly ui: ChatUi;
  readonly options: ChatKitOptions;
}
