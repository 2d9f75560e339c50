import { ChatController, type ChatEvents } from '@chatwire/client';
import type { JsonObject } from '@chatwire/protocol';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ChatUi, type ChatKitControl } from './control.js';
import type { ChatKitMethods, ChatKitOptions, SendUserMessageOptions } from './options.js';

export interface UseChatKitReturn extends ChatKitMethods {
  /** Pass to `<ChatKit control={control}/>`. */
  control: ChatKitControl;
}

/**
 * Creates the chat (a `ChatController`) once and returns the control for `<ChatKit/>` plus the
 * imperative methods, as `@openai/chatkit-react`'s hook does. Options may change on every render:
 * handlers, `api.fetch`, `api.headers` and `api.metadata` are always read fresh; `api.url` and
 * `locale` are read when the chat is created.
 */
export function useChatKit(options: ChatKitOptions): UseChatKitReturn {
  const latest = useRef(options);
  latest.current = options;
  const [core] = useState(() => createCore(latest));
  useEffect(() => bindHandlers(core.controller, latest), [core]);
  useEffect(() => () => core.controller.stop(), [core]);
  const control = useMemo<ChatKitControl>(() => ({ controller: core.controller, ui: core.ui, options }), [core, options]);
  return useMemo(() => ({ control, ...core.methods }), [control, core]);
}

interface Core {
  controller: ChatController;
  ui: ChatUi;
  methods: ChatKitMethods;
}

function createCore(latest: RefObject<ChatKitOptions>): Core {
  const initial = latest.current;
  const controller = new ChatController({
    api: {
      url: initial.api.url,
      fetch: (input, init) => (latest.current.api.fetch ?? fetch)(input, init),
      headers: async () => {
        const headers = latest.current.api.headers;
        return (typeof headers === 'function' ? await headers() : headers) ?? {};
      },
      metadata: async (): Promise<JsonObject> => {
        const metadata = latest.current.api.metadata;
        return (typeof metadata === 'function' ? await metadata() : metadata) ?? {};
      },
      ...(initial.locale ? { locale: initial.locale } : {}),
    },
    // Without a handler the controller leaves client tool calls to `submitClientToolOutput`.
    ...(initial.onClientTool
      ? {
          onClientTool: (call) => {
            const handler = latest.current.onClientTool;
            if (!handler) throw new Error(`No handler for the client tool ${call.name}`);
            return handler(call);
          },
        }
      : {}),
  });
  const ui = new ChatUi(
    () => latest.current.onReady?.(),
    () => latest.current,
  );
  const methods: ChatKitMethods = {
    sendUserMessage: (message) => controller.sendMessage(toSendOptions(message)),
    setThreadId: (threadId) => controller.setThread(threadId),
    focusComposer: () => ui.focusComposer(),
    setComposerValue: (value) => {
      if (value.text !== undefined) controller.setDraft(value.text);
      if (value.files !== undefined || value.selectedToolId !== undefined || value.selectedModelId !== undefined)
        ui.setComposerValue(value);
    },
    fetchUpdates: () => controller.fetchUpdates(),
    sendCustomAction: (action, itemId) => controller.sendCustomAction(action, itemId),
    showHistory: () => ui.setHistoryOpen(true),
    hideHistory: () => ui.setHistoryOpen(false),
  };
  return { controller, ui, methods };
}

function toSendOptions(message: SendUserMessageOptions) {
  const { reply, ...rest } = message;
  return reply === undefined ? rest : { ...rest, quotedText: reply };
}

/** Forwards the controller's events to the `on…` handlers of the latest options. */
function bindHandlers(controller: ChatController, latest: RefObject<ChatKitOptions>): () => void {
  const forward = <K extends keyof ChatEvents>(
    name: K,
    pick: (options: ChatKitOptions) => ((payload: ChatEvents[K]) => void) | undefined,
  ) => controller.on(name, (payload) => pick(latest.current)?.(payload));
  const offs = [
    forward('error', (o) => o.onError),
    forward('response.start', (o) => o.onResponseStart),
    forward('response.end', (o) => o.onResponseEnd),
    forward('thread.change', (o) => o.onThreadChange),
    forward('thread.load.start', (o) => o.onThreadLoadStart),
    forward('thread.load.end', (o) => o.onThreadLoadEnd),
    forward('effect', (o) => o.onEffect),
    forward('log', (o) => o.onLog),
  ];
  return () => {
    for (const off of offs) off();
  };
}
