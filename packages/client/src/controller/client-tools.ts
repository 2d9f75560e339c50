import type { ClientToolCallItem } from '@chatwire/protocol';
import type { ClientToolCall } from './chat-events.js';
import type { ChatState } from './state.js';
import { indexOfItem, replaceAt } from './thread-items.js';
import { asError } from './to-chat-error.js';

/** Any JSON value but `undefined`: the protocol requires `result`, and allows `null`. */
export type ToolOutput = NonNullable<unknown> | null;

/** A reply that keeps asking for client tools is cut off after this many rounds. */
export const MAX_CLIENT_TOOL_ROUNDS = 16;

/** The client tool call the thread is waiting on: its latest item, still pending. */
export function pendingClientToolCall(state: ChatState): ClientToolCallItem | undefined {
  const last = state.thread?.items.at(-1);
  return last?.type === 'client_tool_call' && last.status === 'pending' ? last : undefined;
}

/** The server marks the call completed without sending an event; the state mirrors it. */
export function withCompletedCall(state: ChatState, call: ClientToolCallItem, output: unknown): ChatState {
  const view = state.thread;
  const index = view ? indexOfItem(view.items, call.id) : -1;
  if (!view || index === -1) return state;
  return { ...state, thread: { ...view, items: replaceAt(view.items, index, { ...call, status: 'completed', output }) } };
}

/**
 * Runs the host's handler for a call. What it returns is the tool output (`undefined` becomes
 * `null`, which the protocol accepts); when it throws, the output is `{ error: message }` so the
 * model learns the tool failed and the thread is not left waiting.
 */
export async function runClientTool(
  handler: (call: ClientToolCall) => unknown,
  item: ClientToolCallItem,
  log: (name: string, data: Record<string, unknown>) => void,
): Promise<ToolOutput> {
  try {
    const result = await handler({ name: item.name, params: item.arguments, callId: item.call_id, item });
    return result ?? null;
  } catch (error) {
    const message = asError(error).message;
    log('client_tool.failed', { name: item.name, message });
    return { error: message };
  }
}
