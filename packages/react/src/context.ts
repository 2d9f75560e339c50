import type { ChatController, ChatState } from '@chatwire/client';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatUi } from './control.js';
import type { ResolvedSettings } from './options.js';

/** The controller and UI state: one value per chat, stable for its whole life. */
export interface ChatRuntime {
  controller: ChatController;
  ui: ChatUi;
}

export const RuntimeContext = createContext<ChatRuntime | null>(null);
/** Changes only when the options do, never on a streamed delta. */
export const SettingsContext = createContext<ResolvedSettings | null>(null);

export function useRuntime(): ChatRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('Chat parts must be rendered inside <ChatKit/> or <ChatKitProvider/>');
  return runtime;
}

export function useSettings(): ResolvedSettings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('Chat parts must be rendered inside <ChatKit/> or <ChatKitProvider/>');
  return settings;
}

/**
 * A slice of the chat state. The selector must return something that keeps its identity while
 * unchanged (a primitive, or an object the controller preserves, like `state.thread.items`), so a
 * part re-renders only when its slice changes.
 */
export function useChatState<T>(selector: (state: ChatState) => T): T {
  const { controller } = useRuntime();
  const read = () => selector(controller.getState());
  return useSyncExternalStore(controller.subscribe, read, read);
}

/** Whether the history drawer is open (narrow layouts). */
export function useHistoryOpen(): boolean {
  const { ui } = useRuntime();
  return useSyncExternalStore(ui.subscribe, ui.isHistoryOpen, ui.isHistoryOpen);
}
