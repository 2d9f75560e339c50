import { createRoot, type Root } from 'react-dom/client';
import { ChatKit } from '../chat-kit.js';
import type { ChatKitMethods, ChatKitOptions } from '../options.js';
import { useChatKit } from '../use-chat-kit.js';
import { effectiveOptions, ELEMENT_ATTRIBUTES, optionsFromAttributes } from './element-options.js';
import { useEffect } from 'react';

type Handlers = Required<Pick<ChatKitOptions, `on${string}` & keyof ChatKitOptions>>;

/** Each `on…` option and the DOM event the element dispatches for it, as `@openai/chatkit`'s element names them. */
const EVENTS: Partial<Record<keyof Handlers, string>> = {
  onReady: 'chatkit.ready',
  onError: 'chatkit.error',
  onEffect: 'chatkit.effect',
  onResponseStart: 'chatkit.response.start',
  onResponseEnd: 'chatkit.response.end',
  onThreadChange: 'chatkit.thread.change',
  onThreadLoadStart: 'chatkit.thread.load.start',
  onThreadLoadEnd: 'chatkit.thread.load.end',
  onToolChange: 'chatkit.tool.change',
  onLog: 'chatkit.log',
};

/** The options with every handler also dispatching its DOM event on the element. */
function withEvents(options: ChatKitOptions, element: HTMLElement): ChatKitOptions {
  const out: Record<string, unknown> = { ...options };
  for (const [handler, event] of Object.entries(EVENTS) as [keyof Handlers, string][]) {
    const own = options[handler] as ((detail?: unknown) => void) | undefined;
    out[handler] = (detail?: unknown) => {
      element.dispatchEvent(new CustomEvent(event, { detail, bubbles: true, composed: true }));
      if (handler === 'onReady') element.dispatchEvent(new CustomEvent('chatwire.ready', { bubbles: true, composed: true }));
      own?.(detail);
    };
  }
  return out as unknown as ChatKitOptions;
}

function ElementChat({ options, onMethods }: { options: ChatKitOptions; onMethods: (methods: ChatKitMethods | null) => void }) {
  const chat = useChatKit(options);
  useEffect(() => {
    onMethods(chat);
    return () => onMethods(null);
  }, [chat, onMethods]);
  return <ChatKit control={chat.control} style={{ height: '100%' }} />;
}

/**
 * `<chatwire-chat>`: the whole chat UI as a custom element, for pages without React. Configure it
 * with attributes (`api-url`, `locale`, `theme`, …) or `setOptions(options)` (the same options as
 * `useChatKit`; each call replaces the last). It renders into itself (no shadow root), so the
 * page's `chatwire.css` styles it and the `--cw-*` custom properties restyle it. Events are DOM
 * `CustomEvent`s (`chatkit.response.end`, …; `chatwire.ready` once the first loads are done); the
 * methods of `useChatKit` are methods of the element, and resolve once the chat is running.
 */
export class ChatwireChatElement extends HTMLElement {
  static readonly observedAttributes = ELEMENT_ATTRIBUTES;

  #root: Root | null = null;
  #given: Partial<ChatKitOptions> | null = null;
  #methods: ChatKitMethods | null = null;
  #waiting: ((methods: ChatKitMethods) => void)[] = [];
  #onMethods = (methods: ChatKitMethods | null) => {
    this.#methods = methods;
    if (!methods) return;
    for (const resolve of this.#waiting.splice(0)) resolve(methods);
  };

  connectedCallback(): void {
    // `element.options = …` set before this script ran sits on the instance; take it over.
    if (Object.hasOwn(this, 'options')) {
      const early = (this as { options?: Partial<ChatKitOptions> }).options;
      delete (this as { options?: unknown }).options;
      if (early) this.#given = early;
    }
    this.#render();
  }

  disconnectedCallback(): void {
    // Moving the element in the page disconnects and reconnects it: keep the chat if it comes back at once.
    queueMicrotask(() => {
      if (this.isConnected || !this.#root) return;
      this.#root.unmount();
      this.#root = null;
      this.#methods = null;
    });
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#render();
  }

  /** Replaces the options (not merged with the last call's); attributes fill in what is left out. */
  setOptions(options: Partial<ChatKitOptions>): void {
    this.#given = options;
    this.#render();
  }

  get options(): Partial<ChatKitOptions> | null {
    return this.#given;
  }

  set options(options: Partial<ChatKitOptions> | null) {
    this.#given = options;
    this.#render();
  }

  sendUserMessage = (message: Parameters<ChatKitMethods['sendUserMessage']>[0]) => this.#call((m) => m.sendUserMessage(message));
  setThreadId = (threadId: string | null) => this.#call((m) => m.setThreadId(threadId));
  focusComposer = () => this.#call((m) => m.focusComposer());
  setComposerValue = (value: Parameters<ChatKitMethods['setComposerValue']>[0]) => this.#call((m) => m.setComposerValue(value));
  fetchUpdates = () => this.#call((m) => m.fetchUpdates());
  sendCustomAction = (...args: Parameters<ChatKitMethods['sendCustomAction']>) => this.#call((m) => m.sendCustomAction(...args));
  showHistory = () => this.#call((m) => m.showHistory());
  hideHistory = () => this.#call((m) => m.hideHistory());

  async #call<T>(work: (methods: ChatKitMethods) => T | Promise<T>): Promise<T> {
    const methods = this.#methods ?? (await new Promise<ChatKitMethods>((resolve) => this.#waiting.push(resolve)));
    return work(methods);
  }

  #render(): void {
    if (!this.isConnected) return;
    const options = effectiveOptions(optionsFromAttributes(this), this.#given);
    this.#root ??= createRoot(this);
    // A new endpoint is a new chat: the key remounts it.
    this.#root.render(
      options ? <ElementChat key={options.api.url} options={withEvents(options, this)} onMethods={this.#onMethods} /> : null,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chatwire-chat': ChatwireChatElement;
  }
}

/** Registers `<chatwire-chat>` (once, however often this runs). */
export function defineChatwireChat(name = 'chatwire-chat'): void {
  if (!customElements.get(name)) customElements.define(name, ChatwireChatElement);
}
