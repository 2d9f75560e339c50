import { act, render, waitFor } from '@testing-library/react';
import type { ChatController } from '@chatwire/client';
import type { ServerHooks } from '@chatwire/test-support/hooked-server';
import { inProcessServer, type InProcessServer } from '@chatwire/test-support/server-fetch';
import { ChatKit } from '../chat-kit.js';
import type { ChatKitOptions } from '../options.js';
import { useChatKit, type UseChatKitReturn } from '../use-chat-kit.js';

export const CHATKIT_URL = 'http://chatwire.test/chatkit';

export interface RenderedChat extends InProcessServer {
  /** The latest value `useChatKit` returned. */
  chat(): UseChatKitReturn;
  controller: ChatController;
  /** Re-renders the host with new options (merged over the first ones). */
  rerender(options: Partial<ChatKitOptions>): void;
  container: HTMLElement;
}

/**
 * `<ChatKit/>` from `useChatKit`, talking to our real server (in-process, through `handle()`)
 * with the given hooks (`options.api` is merged over that connection). Waits for the first loads
 * to settle.
 */
export async function renderChat(
  hooks: ServerHooks = {},
  options: Partial<ChatKitOptions> = {},
  { wrapFetch }: { wrapFetch?: (server: typeof fetch) => typeof fetch } = {},
): Promise<RenderedChat> {
  const server = inProcessServer(hooks);
  let latest: UseChatKitReturn | undefined;
  let ready = false;
  const base: ChatKitOptions = {
    ...options,
    api: { url: CHATKIT_URL, fetch: wrapFetch ? wrapFetch(server.fetch) : server.fetch, ...options.api },
    onReady: () => {
      ready = true;
      options.onReady?.();
    },
  };
  function Host({ options: current }: { options: ChatKitOptions }) {
    latest = useChatKit(current);
    return <ChatKit control={latest.control} />;
  }
  const view = render(<Host options={base} />);
  await waitFor(() => {
    if (!ready) throw new Error('the chat is not ready yet');
  });
  const chat = () => {
    if (!latest) throw new Error('not rendered');
    return latest;
  };
  return {
    ...server,
    chat,
    controller: chat().control.controller,
    container: view.container,
    rerender: (changes) => view.rerender(<Host options={{ ...base, ...changes }} />),
  };
}

/** Runs `work` inside `act()` and waits for what it started. */
export async function acting(work: () => unknown): Promise<void> {
  await act(async () => {
    await work();
  });
}
