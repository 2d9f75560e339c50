import type { ChatEvents } from './chat-events.js';
import { Emitter } from './emitter.js';
import { initialState, type ChatState } from './state.js';
import { asError, toChatError } from './to-chat-error.js';

/**
 * The controller's state cell and event bus: one snapshot, replaced (never mutated) on every
 * change, with synchronous notification, which is what `useSyncExternalStore` expects.
 */
export class ChatStore {
  private state: ChatState = initialState();
  private readonly listeners = new Set<() => void>();
  private readonly events = new Emitter<ChatEvents>();

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  set(state: ChatState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  /** Shallow-merges `changes` into the state. */
  update(changes: Partial<ChatState>): void {
    this.set({ ...this.state, ...changes });
  }

  on<K extends keyof ChatEvents>(name: K, listener: (payload: ChatEvents[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  /** A listener that throws is reported through `log` and never breaks the chat. */
  emit<K extends keyof ChatEvents>(name: K, payload: ChatEvents[K]): void {
    this.events.emit(name, payload, (error) => {
      if (name !== 'log') this.log('listener.failed', { event: name, message: asError(error).message });
    });
  }

  log(name: string, data?: Record<string, unknown>): void {
    this.emit('log', data === undefined ? { name } : { name, data });
  }

  /** Records a failure as the state's `error` (and `status: 'error'` for a reply) and emits `error`. */
  fail(error: unknown, reply: boolean): void {
    this.update({ error: toChatError(error), ...(reply ? { status: 'error' as const } : {}) });
    this.emit('error', { error: asError(error) });
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}
