// @vitest-environment happy-dom
import { ChatKitClient } from '@chatwire/client';
import type { ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { MemoryStore } from '@chatwire/server';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestContext } from '@chatwire/test-support/hooked-server';
import { assistantMessage, done, now, streamText } from '@chatwire/test-support/transcripts';
import { acting, CHATKIT_URL, renderChat } from './test-support/render-chat.js';

afterEach(cleanup);

const USER: TestContext = { userId: 'client_test_user' };
const userText = (input: UserMessageItem | null) => input?.content.map((part) => part.text).join('') ?? '';

function echo(thread: ThreadMetadata, input: UserMessageItem | null): AsyncIterable<ThreadStreamEvent> {
  return streamText(thread.id, `reply_${Math.random().toString(16).slice(2, 10)}`, [`You said: ${userText(input)}`]);
}

const replyTexts = () =>
  [...document.querySelectorAll('[data-item-type="assistant_message"]')].map((element) => element.textContent);

describe('the on… handlers', () => {
  it('hear the chat’s events: ready, response start and end, thread change and loads, effects, errors and logs', async () => {
    const seen: string[] = [];
    const record = (name: string) => (payload?: unknown) =>
      void seen.push(payload === undefined ? name : `${name} ${JSON.stringify(payload)}`);
    let failNext = false;
    const chat = await renderChat(
      {
        async *respond(thread) {
          if (failNext) {
            yield { type: 'error', code: 'custom', message: 'Nope', allow_retry: false };
            return;
          }
          yield { type: 'client_effect', name: 'highlight', data: { selector: '#pricing' } };
          yield done(assistantMessage(thread.id, 'reply_1', 'Hi'));
        },
      },
      {
        onReady: record('ready'),
        onResponseStart: () => seen.push('response.start'),
        onResponseEnd: ({ outcome }) => seen.push(`response.end ${outcome}`),
        onThreadChange: ({ threadId }) => seen.push(`thread.change ${threadId === null ? 'null' : 'id'}`),
        onThreadLoadStart: () => seen.push('thread.load.start'),
        onThreadLoadEnd: () => seen.push('thread.load.end'),
        onEffect: record('effect'),
        onError: ({ error }) => seen.push(`error ${error.message}`),
        onLog: ({ name }) => seen.push(`log ${name}`),
      },
    );
    await acting(() => chat.chat().sendUserMessage({ text: 'hello' }));
    const threadId = chat.controller.getState().thread!.metadata.id;
    await acting(() => chat.chat().setThreadId(null));
    await acting(() => chat.chat().setThreadId(threadId));
    failNext = true;
    await acting(() => chat.chat().sendUserMessage({ text: 'again' }));
    expect(seen).toEqual([
      'ready',
      'response.start',
      'thread.change id',
      'effect {"name":"highlight","data":{"selector":"#pricing"}}',
      'response.end completed',
      'thread.change null',
      'thread.load.start',
      'thread.change id',
      'thread.load.end',
      'response.start',
      'error Nope',
      'response.end completed',
    ]);
  });

  it('the latest handler is called, not the one from the first render', async () => {
    const calls: string[] = [];
    const chat = await renderChat({ respond: echo }, { onResponseEnd: () => calls.push('first') });
    chat.rerender({ onResponseEnd: () => calls.push('second') });
    await acting(() => chat.chat().sendUserMessage({ text: 'hi' }));
    expect(calls).toEqual(['second']);
  });
});

describe('the control methods', () => {
  it('sendUserMessage sends text (reply becomes quoted text); newThread starts another thread', async () => {
    const chat = await renderChat({ respond: echo });
    await acting(() => chat.chat().sendUserMessage({ text: 'first', reply: 'an earlier line' }));
    const firstThread = chat.controller.getState().thread!.metadata.id;
    expect(chat.received.find((request) => request.type === 'threads.create')?.params.input).toMatchObject({
      quoted_text: 'an earlier line',
    });
    await acting(() => chat.chat().sendUserMessage({ text: 'second', newThread: true }));
    expect(chat.controller.getState().thread!.metadata.id).not.toBe(firstThread);
    expect(replyTexts()).toEqual(['You said: second']);
  });

  it('setThreadId opens a thread and null goes back to a new chat', async () => {
    const chat = await renderChat({ respond: echo }, { startScreen: { greeting: 'Hello there' } });
    await acting(() => chat.chat().sendUserMessage({ text: 'remember me' }));
    const threadId = chat.controller.getState().thread!.metadata.id;
    await acting(() => chat.chat().setThreadId(null));
    expect(screen.getByRole('heading', { name: 'Hello there' })).toBeTruthy();
    await acting(() => chat.chat().setThreadId(threadId));
    expect(replyTexts()).toEqual(['You said: remember me']);
  });

  it('setComposerValue fills the message box and focusComposer focuses it', async () => {
    const chat = await renderChat({});
    await acting(() => chat.chat().setComposerValue({ text: 'Draft from the page' }));
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    expect(box.value).toBe('Draft from the page');
    expect(document.activeElement).not.toBe(box);
    chat.chat().focusComposer();
    expect(document.activeElement).toBe(box);
  });

  it('fetchUpdates shows what the server added to the open thread from elsewhere', async () => {
    const chat = await renderChat({ respond: echo });
    await acting(() => chat.chat().sendUserMessage({ text: 'one' }));
    const threadId = chat.controller.getState().thread!.metadata.id;
    // Another tab adds to the same thread.
    const elsewhere = new ChatKitClient({ url: CHATKIT_URL, fetch: chat.fetch });
    for await (const event of await elsewhere.addUserMessage({
      thread_id: threadId,
      input: { content: [{ type: 'input_text', text: 'two' }], attachments: [], inference_options: {} },
    }))
      void event;
    expect(replyTexts()).toEqual(['You said: one']);
    await acting(() => chat.chat().fetchUpdates());
    expect(replyTexts()).toEqual(['You said: one', 'You said: two']);
  });

  it('sendCustomAction sends the action to the server and streams its reply', async () => {
    const chat = await renderChat({
      respond: echo,
      async *action(thread, action) {
        yield done(assistantMessage(thread.id, 'after_action', `Action ${action.type}`));
      },
    });
    await acting(() => chat.chat().sendUserMessage({ text: 'start' }));
    await acting(() => chat.chat().sendCustomAction({ type: 'refresh', payload: { page: 2 } }));
    expect(replyTexts().at(-1)).toBe('Action refresh');
    expect(chat.received.at(-1)).toMatchObject({
      type: 'threads.custom_action',
      params: { action: { type: 'refresh', payload: { page: 2 } } },
    });
  });
});

describe('the api options', () => {
  it('headers and metadata are computed per request from the latest options; domainKey is accepted and ignored', async () => {
    let page = 'Pricing';
    const chat = await renderChat(
      { respond: echo },
      {
        api: {
          url: CHATKIT_URL,
          domainKey: 'domain_pk_localhost_dev',
          headers: () => ({ 'X-Tenant': 'acme' }),
          metadata: () => ({ pageContext: { title: page } }),
        },
      },
    );
    await acting(() => chat.chat().sendUserMessage({ text: 'hi' }));
    page = 'Docs';
    await acting(() => chat.chat().sendUserMessage({ text: 'again' }));
    const sends = chat.received.filter(
      (request) => request.type.startsWith('threads.create') || request.type === 'threads.add_user_message',
    );
    expect(sends.map((request) => request.metadata)).toEqual([
      { pageContext: { title: 'Pricing' } },
      { pageContext: { title: 'Docs' } },
    ]);
    const tenant = (headers: Record<string, string>) =>
      Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-tenant')?.[1];
    expect(sends.map((request) => tenant(request.headers))).toEqual(['acme', 'acme']);
  });

  it('onClientTool answers client tool calls and the reply continues', async () => {
    const store = new MemoryStore<TestContext>();
    const chat = await renderChat(
      {
        store,
        async *respond(thread, input) {
          if (input) {
            yield done({
              id: 'call_1',
              thread_id: thread.id,
              created_at: now(),
              type: 'client_tool_call',
              status: 'pending',
              call_id: 'fc_1',
              name: 'get_selection',
              arguments: {},
            });
            return;
          }
          const stored = await store.loadItem(thread.id, 'call_1', USER);
          yield done(
            assistantMessage(
              thread.id,
              'after_tool',
              `Selected: ${stored.type === 'client_tool_call' ? JSON.stringify(stored.output) : '?'}`,
            ),
          );
        },
      },
      { onClientTool: ({ name }) => ({ text: `from ${name}` }) },
    );
    await acting(() => chat.chat().sendUserMessage({ text: 'what did I select?' }));
    await waitFor(() => expect(replyTexts()).toEqual(['Selected: {"text":"from get_selection"}']));
  });
});
