import type { ClientToolCallItem, JsonObject } from '@chatwire/protocol';

/** How a reply ended: it ran to its end (possibly with an `error` event), was stopped, or failed to run. */
export type ResponseOutcome = 'completed' | 'stopped' | 'failed';

/** What `on()` can listen to; modelled on ChatKit's `onResponseStart`, `onThreadChange`, … */
export interface ChatEvents {
  'response.start': { threadId: string | null };
  'response.end': { threadId: string | null; outcome: ResponseOutcome };
  /** The open thread changed: opened, created by the first message, closed or deleted. */
  'thread.change': { threadId: string | null };
  'thread.load.start': { threadId: string };
  'thread.load.end': { threadId: string };
  /** Every failure the state's `error` shows, as an `Error` (`ChatKitHttpError`, `ChatKitStreamError`, …). */
  error: { error: Error };
  /** A `client_effect` event: fire-and-forget work for the host page. */
  effect: { name: string; data: JsonObject };
  /** Diagnostics: events that could not be parsed or applied, client tool failures. */
  log: { name: string; data?: Record<string, unknown> };
}

export type ChatEventName = keyof ChatEvents;

/** The call `onClientTool` answers; its return value is posted as the tool's output. */
export interface ClientToolCall {
  name: string;
  params: JsonObject;
  callId: string;
  item: ClientToolCallItem;
}
