// @vitest-environment happy-dom
import { ChatKitClient } from '@chatwire/client';
import type { FeedbackKind, ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assistantMessage,
  deferred,
  done,
  now,
  streamText,
  untilAborted,
  updated,
  added,
} from '@chatwire/test-support/transcripts';
import { acting, CHATKIT_URL, renderChat } from './test-support/render-chat.js';

afterEach(cleanup);

const messageBox = () => screen.getByRole('textbox', { name: 'Message' });

function typeMessage(text: string) {
  fireEvent.change(messageBox(), { target: { value: text } });
}

async function send(text: string) {
  typeMessage(text);
  await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
}

const userText = (input: UserMessageItem | null) => input?.content.map((part) => part.text).join('') ?? '';

/** Replies "You said: <text>." in three deltas and titles the thread after the first message. */
async function* echo(thread: ThreadMetadata, input: UserMessageItem | null): AsyncGenerator<ThreadStreamEvent> {
  if (!thread.title) {
    thread.title = `About ${userText(input)}`;
    yield { type: 'thread.updated', thread: { ...thread, items: { data: [], has_more: false } } };
  }
  yield* streamText(thread.id, `reply_${Math.random().toString(16).slice(2, 10)}`, ['You said: ', userText(input), '.']);
}

const replies = () => [...document.querySelectorAll('[data-item-type="assistant_message"]')];
const threadsNav = () => screen.getByRole('navigation', { name: 'Threads' });

describe('a new chat', () => {
  it('shows the greeting and the prompts; picking a prompt sends its text', async () => {
    const chat = await renderChat(
      { respond: echo },
      { startScreen: { greeting: 'Ask about billing', prompts: [{ label: 'Refunds', prompt: 'How do refunds work?' }] } },
    );
    expect(screen.getByRole('heading', { name: 'Ask about billing' })).toBeTruthy();
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Refunds' })));
    await waitFor(() => expect(replies().at(-1)?.textContent).toContain('You said: How do refunds work?.'));
    expect(chat.received.map((request) => request.type)).toContain('threads.create');
    expect(screen.queryByRole('heading', { name: 'Ask about billing' })).toBeNull();
  });
});

describe('the composer', () => {
  it('Enter sends the message and clears the box; the reply streams in, busy until it is done', async () => {
    const gate = deferred();
    await renderChat({
      async *respond(thread, input) {
        const id = 'reply_1';
        yield added(assistantMessage(thread.id, id, ''));
        yield updated(id, {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        });
        yield updated(id, { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'First half, ' });
        await gate.promise;
        yield updated(id, {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: `then ${userText(input)}.`,
        });
        yield done(assistantMessage(thread.id, id, `First half, then ${userText(input)}.`));
      },
    });
    await send('the rest');
    expect((messageBox() as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(replies()[0]?.textContent).toContain('First half,'));
    const reply = replies()[0]!;
    expect(reply.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(document.querySelector('[data-item-type="user_message"]')?.textContent).toBe('the rest');

    await acting(() => gate.resolve());
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('false'));
    expect(replies()[0]?.textContent).toContain('First half, then the rest.');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('Shift+Enter does not send (the browser adds a new line)', async () => {
    const chat = await renderChat({ respond: echo });
    typeMessage('line one');
    const event = fireEvent.keyDown(messageBox(), { key: 'Enter', shiftKey: true });
    expect(event).toBe(true); // not prevented: the new line goes in
    await acting(() => Promise.resolve());
    expect(chat.received.map((request) => request.type)).toEqual(['threads.list']);
    expect((messageBox() as HTMLTextAreaElement).value).toBe('line one');
  });

  it('the Send button sends; it is disabled while the box is empty', async () => {
    const chat = await renderChat({ respond: echo });
    const sendButton = screen.getByRole<HTMLButtonElement>('button', { name: 'Send' });
    expect(sendButton.disabled).toBe(true);
    typeMessage('hello');
    expect(sendButton.disabled).toBe(false);
    await acting(() => fireEvent.click(sendButton));
    await waitFor(() => expect(replies()[0]?.textContent).toContain('You said: hello.'));
    expect(chat.received.some((request) => request.type === 'threads.create')).toBe(true);
  });

  it('Escape stops a streaming reply; the text so far stays and the server is told', async () => {
    const stopped = deferred();
    await renderChat({
      async *respond(thread, _input, _context, run) {
        yield added(assistantMessage(thread.id, 'reply_1', ''));
        yield updated('reply_1', {
          type: 'assistant_message.content_part.text_delta',
          content_index: 0,
          delta: 'Partial answer',
        });
        await untilAborted(run.signal);
        stopped.resolve();
      },
    });
    await send('go');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('true'));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Escape' }));
    await acting(() => stopped.promise);
    expect(replies()[0]?.getAttribute('aria-busy')).toBe('false');
    expect(replies()[0]?.textContent).toContain('Partial answer');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('the Stop button stops the reply', async () => {
    const stopped = deferred();
    await renderChat({
      async *respond(thread, _input, _context, run) {
        yield added(assistantMessage(thread.id, 'reply_1', ''));
        yield updated('reply_1', { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Some' });
        await untilAborted(run.signal);
        stopped.resolve();
      },
    });
    await send('go');
    await waitFor(() => expect(replies()[0]?.textContent).toBe('Some'));
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Stop' })));
    await acting(() => stopped.promise);
    expect(replies()[0]?.getAttribute('aria-busy')).toBe('false');
  });

  it('offers no Stop when the server does not allow cancelling', async () => {
    const gate = deferred();
    await renderChat({
      streamOptions: () => ({ allow_cancel: false }),
      async *respond(thread) {
        yield added(assistantMessage(thread.id, 'reply_1', ''));
        await gate.promise;
        yield done(assistantMessage(thread.id, 'reply_1', 'Done'));
      },
    });
    await send('go');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('true'));
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
    await acting(() => gate.resolve());
  });

  it('"Attach files" is there only when attachments are enabled', async () => {
    await renderChat({});
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    cleanup();
    await renderChat({}, { composer: { attachments: { enabled: true } } });
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
  });

  it('attached files are uploaded to their upload_descriptor and go with the message; a removed one does not', async () => {
    const uploads: { url: string; method: string; body: string }[] = [];
    let nextId = 0;
    const chat = await renderChat(
      {
        respond: (thread, input) => streamText(thread.id, 'r1', [`Got ${input?.attachments.map((a) => a.name).join(', ')}`]),
        attachmentStore: {
          generateAttachmentId: () => `att_${++nextId}`,
          createAttachment: async (input) => ({
            id: `att_${++nextId}`,
            type: 'file',
            name: input.name,
            mime_type: input.mime_type,
            upload_descriptor: { url: `http://chatwire.test/upload/att_${nextId}`, method: 'PUT', headers: { 'X-Upload': '1' } },
          }),
          deleteAttachment: async () => {},
        },
      },
      { composer: { attachments: { enabled: true } } },
      {
        wrapFetch: (server) => async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          if (!url.includes('/upload/')) return server(input, init);
          uploads.push({ url, method: init?.method ?? 'GET', body: await new Response(init?.body).text() });
          return new Response(null, { status: 204 });
        },
      },
    );
    const picker = chat.container.querySelector('input[type="file"]') as HTMLInputElement;
    const files = [
      new File(['alpha'], 'notes.txt', { type: 'text/plain' }),
      new File(['beta'], 'drop.txt', { type: 'text/plain' }),
    ];
    await acting(() => fireEvent.change(picker, { target: { files } }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Attachments' }).textContent).not.toContain('Uploading'));
    expect(uploads.map(({ method, body }) => [method, body])).toEqual([
      ['PUT', 'alpha'],
      ['PUT', 'beta'],
    ]);
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Remove drop.txt' })));
    await send('read these');
    await waitFor(() => expect(replies()[0]?.textContent).toContain('Got notes.txt'));
    expect(replies()[0]?.textContent).not.toContain('drop.txt');
    expect(chat.received.map((request) => request.type)).toContain('attachments.delete');
    expect(document.querySelector('[data-item-type="user_message"]')?.textContent).toContain('notes.txt');
  });

  it('the placeholder comes from the options; the box keeps the name "Message"', async () => {
    await renderChat({}, { composer: { placeholder: 'Ask anything' } });
    expect(messageBox().getAttribute('placeholder')).toBe('Ask anything');
  });

  it('a locked thread disables the box and says why', async () => {
    await renderChat({
      async *respond(thread) {
        thread.status = { type: 'locked', reason: 'An agent has taken over' };
        yield { type: 'thread.updated', thread: { ...thread, items: { data: [], has_more: false } } };
        yield done(assistantMessage(thread.id, 'reply_1', 'Handing over'));
      },
    });
    await send('help');
    await waitFor(() => expect((messageBox() as HTMLTextAreaElement).disabled).toBe(true));
    expect(screen.getByText('An agent has taken over')).toBeTruthy();
  });
});

describe('threads', () => {
  it('each thread is a button in the Threads navigation, named by its title; opening one shows its items', async () => {
    const chat = await renderChat({ respond: echo });
    await send('cats');
    await waitFor(() => expect(within(threadsNav()).getByRole('button', { name: 'About cats' })).toBeTruthy());
    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'New chat' })));
    expect(replies()).toHaveLength(0);
    await send('dogs');
    await waitFor(() => expect(within(threadsNav()).getByRole('button', { name: 'About dogs' })).toBeTruthy());

    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'About cats' })));
    await waitFor(() =>
      expect(replies().map((reply) => reply.textContent)).toEqual([expect.stringContaining('You said: cats.')]),
    );
    expect(within(threadsNav()).getByRole('button', { name: 'About cats' }).getAttribute('aria-current')).toBe('page');
    expect(chat.received.some((request) => request.type === 'threads.get_by_id')).toBe(true);
  });

  it('an untitled thread is listed as "Untitled"', async () => {
    await renderChat({ respond: (thread, input) => streamText(thread.id, 'r1', [userText(input)]) });
    await send('no title here');
    await waitFor(() => expect(within(threadsNav()).getByRole('button', { name: 'Untitled' })).toBeTruthy());
  });

  it('rename edits the title in place: Enter saves it on the server, Escape cancels', async () => {
    const chat = await renderChat({ respond: echo });
    await send('cats');
    const row = await waitFor(() => within(threadsNav()).getByRole('button', { name: 'About cats' }).closest('li')!);
    await acting(() => fireEvent.click(within(row).getByRole('button', { name: 'Rename' })));
    const field = within(threadsNav()).getByRole('textbox', { name: 'Thread title' });
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: 'Feline facts' } });
    await acting(() => fireEvent.submit(field.closest('form')!));
    await waitFor(() => expect(within(threadsNav()).getByRole('button', { name: 'Feline facts' })).toBeTruthy());
    const threadId = chat.controller.getState().thread!.metadata.id;
    const stored = await new ChatKitClient({ url: CHATKIT_URL, fetch: chat.fetch }).getThread({ thread_id: threadId });
    expect(stored.title).toBe('Feline facts');

    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'Rename' })));
    const again = within(threadsNav()).getByRole('textbox', { name: 'Thread title' });
    fireEvent.change(again, { target: { value: 'Never mind' } });
    await acting(() => fireEvent.keyDown(again, { key: 'Escape' }));
    expect(within(threadsNav()).getByRole('button', { name: 'Feline facts' })).toBeTruthy();
    expect(document.activeElement).toBe(within(threadsNav()).getByRole('button', { name: 'Rename' }));
  });

  it('delete asks first: Cancel keeps the thread, "Yes, delete" deletes it on the server', async () => {
    const chat = await renderChat({ respond: echo });
    await send('cats');
    await waitFor(() => within(threadsNav()).getByRole('button', { name: 'About cats' }));
    const threadId = chat.controller.getState().thread!.metadata.id;

    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'Delete' })));
    const cancel = within(threadsNav()).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    await acting(() => fireEvent.click(cancel));
    expect(within(threadsNav()).getByRole('button', { name: 'About cats' })).toBeTruthy();

    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'Delete' })));
    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'Yes, delete' })));
    await waitFor(() => expect(within(threadsNav()).queryByRole('button', { name: 'About cats' })).toBeNull());
    const client = new ChatKitClient({ url: CHATKIT_URL, fetch: chat.fetch });
    await expect(client.getThread({ thread_id: threadId })).rejects.toMatchObject({ status: 404 });
    expect(replies()).toHaveLength(0);
  });

  it('history options hide the list, the rename and the delete buttons', async () => {
    await renderChat({ respond: echo }, { history: { enabled: true, showRename: false, showDelete: false } });
    await send('cats');
    await waitFor(() => within(threadsNav()).getByRole('button', { name: 'About cats' }));
    expect(within(threadsNav()).queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(within(threadsNav()).queryByRole('button', { name: 'Delete' })).toBeNull();
    cleanup();
    await renderChat({ respond: echo }, { history: { enabled: false } });
    expect(screen.queryByRole('navigation', { name: 'Threads' })).toBeNull();
  });

  it('on a narrow layout "Show threads" opens the list and picking a thread closes it', async () => {
    await renderChat({ respond: echo });
    const toggle = screen.getByRole('button', { name: 'Show threads' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await acting(() => fireEvent.click(toggle));
    expect(threadsNav().hasAttribute('data-open')).toBe(true);
    expect(screen.getByRole('button', { name: 'Hide threads' }).getAttribute('aria-expanded')).toBe('true');
    await acting(() => fireEvent.click(within(threadsNav()).getByRole('button', { name: 'New chat' })));
    expect(threadsNav().hasAttribute('data-open')).toBe(false);
    expect(document.activeElement).toBe(messageBox());
  });

  it('the opened list takes focus; Escape closes it and gives focus back to its button', async () => {
    await renderChat({});
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Show threads' })));
    expect(document.activeElement).toBe(within(threadsNav()).getByRole('button', { name: 'New chat' }));
    await acting(() => fireEvent.keyDown(document.activeElement!, { key: 'Escape' }));
    expect(threadsNav().hasAttribute('data-open')).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show threads' }));
  });
});

describe('reply actions', () => {
  it('Copy puts the reply text on the clipboard', async () => {
    await renderChat({ respond: echo });
    await send('copy me');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('false'));
    await acting(() => fireEvent.click(within(replies()[0] as HTMLElement).getByRole('button', { name: 'Copy' })));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('You said: copy me.'));
  });

  it('feedback buttons appear with threadItemActions.feedback and reach the server', async () => {
    const given: { itemIds: string[]; kind: FeedbackKind }[] = [];
    await renderChat(
      { respond: echo, addFeedback: async (_thread, itemIds, kind) => void given.push({ itemIds, kind }) },
      { threadItemActions: { feedback: true } },
    );
    await send('rate me');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('false'));
    const reply = replies()[0] as HTMLElement;
    await acting(() => fireEvent.click(within(reply).getByRole('button', { name: 'Good response' })));
    await waitFor(() =>
      expect(within(reply).getByRole('button', { name: 'Good response' }).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(given).toEqual([{ itemIds: [reply.dataset.itemId], kind: 'positive' }]);
    expect(within(reply).getByRole('button', { name: 'Bad response' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('without threadItemActions only Copy is offered', async () => {
    await renderChat({ respond: echo });
    await send('plain');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('false'));
    const reply = replies()[0] as HTMLElement;
    expect(
      within(reply)
        .getAllByRole('button')
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Copy']);
  });

  it('Retry on the latest reply runs it again (retry_after_item) and replaces it', async () => {
    let runs = 0;
    const chat = await renderChat(
      { respond: (thread) => streamText(thread.id, `reply_${++runs}`, [`Answer ${runs}`]) },
      { threadItemActions: { retry: true } },
    );
    await send('question');
    await waitFor(() => expect(replies()[0]?.textContent).toContain('Answer 1'));
    await acting(() => fireEvent.click(within(replies()[0] as HTMLElement).getByRole('button', { name: 'Retry' })));
    await waitFor(() => expect(replies().map((reply) => reply.textContent)).toEqual([expect.stringContaining('Answer 2')]));
    expect(chat.received.map((request) => request.type)).toContain('threads.retry_after_item');
  });

  it('only the latest reply offers Retry', async () => {
    await renderChat({ respond: echo }, { threadItemActions: { retry: true } });
    await send('one');
    await waitFor(() => expect(replies()[0]?.getAttribute('aria-busy')).toBe('false'));
    await send('two');
    await waitFor(() => expect(replies()[1]?.getAttribute('aria-busy')).toBe('false'));
    expect(within(replies()[0] as HTMLElement).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(replies()[1] as HTMLElement).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('errors, notices and progress', () => {
  it('a retryable error shows its message and Retry, which runs the reply again', async () => {
    let runs = 0;
    await renderChat({
      async *respond(thread) {
        runs++;
        if (runs === 1) {
          yield { type: 'error', code: 'custom', message: 'The model is overloaded', allow_retry: true };
          return;
        }
        yield* streamText(thread.id, 'reply_ok', ['Recovered']);
      },
    });
    await send('try');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The model is overloaded');
    await acting(() => fireEvent.click(within(alert).getByRole('button', { name: 'Retry' })));
    await waitFor(() => expect(replies()[0]?.textContent).toContain('Recovered'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an error that cannot be retried offers no Retry, and can be dismissed', async () => {
    await renderChat({
      async *respond() {
        yield { type: 'error', code: 'custom', message: 'Not allowed', allow_retry: false };
      },
    });
    await send('try');
    const alert = await screen.findByRole('alert');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    await acting(() => fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss error' })));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('notices show their markdown and can be dismissed; progress shows while the reply works', async () => {
    const gate = deferred();
    await renderChat({
      async *respond(thread) {
        yield { type: 'notice', level: 'info', message: 'Running **offline**', title: 'Heads up' };
        yield { type: 'progress_update', text: 'Searching the docs' };
        await gate.promise;
        yield done(assistantMessage(thread.id, 'reply_1', 'Found it'));
      },
    });
    await send('search');
    await waitFor(() => expect(screen.getByText('Searching the docs')).toBeTruthy());
    const notice = screen.getByText('Heads up').closest('.cw-notice') as HTMLElement;
    expect(notice.querySelector('strong')?.textContent).toBe('offline');
    await acting(() => gate.resolve());
    await waitFor(() => expect(screen.queryByText('Searching the docs')).toBeNull());
    await acting(() => fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss notice' })));
    expect(screen.queryByText('Heads up')).toBeNull();
  });
});

describe('thread items', () => {
  it('every item type renders with data-item-type and data-item-id, each with its own view', async () => {
    await renderChat({
      async *respond(thread) {
        const base = { thread_id: thread.id, created_at: now() };
        yield done({
          ...base,
          id: 'wf_1',
          type: 'workflow',
          workflow: {
            type: 'custom',
            expanded: false,
            tasks: [
              { type: 'custom', title: 'Read the page', status_indicator: 'complete' },
              { type: 'web_search', title_query: 'pricing', queries: [], sources: [], status_indicator: 'loading' },
            ],
          },
        });
        yield done({
          ...base,
          id: 'task_1',
          type: 'task',
          task: { type: 'thought', content: 'hmm', title: 'Thinking it over', status_indicator: 'complete' },
        });
        yield done({
          ...base,
          id: 'widget_1',
          type: 'widget',
          widget: { type: 'Card', children: [] },
          copy_text: 'A weather card',
        });
        yield done({ ...base, id: 'image_1', type: 'generated_image' });
        yield done({
          ...base,
          id: 'si_1',
          type: 'structured_input',
          status: 'pending',
          inputs: [{ id: 'q1', type: 'freeform', question: 'Which plan?' }],
        });
        yield done({
          ...base,
          id: 'tool_1',
          type: 'client_tool_call',
          status: 'completed',
          call_id: 'c1',
          name: 'get_selection',
          arguments: {},
          output: 'x',
        });
        yield done(assistantMessage(thread.id, 'msg_1', 'Here you go'));
        yield done({ ...base, id: 'eot_1', type: 'end_of_turn' });
      },
    });
    await send('show me everything');
    await waitFor(() => expect(document.querySelector('[data-item-id="eot_1"]')).not.toBeNull());
    const rendered = [...document.querySelectorAll('[data-item-type]')].map((element) => [
      element.getAttribute('data-item-type'),
      element.getAttribute('data-item-id'),
    ]);
    expect(rendered.slice(1)).toEqual([
      ['workflow', 'wf_1'],
      ['task', 'task_1'],
      ['widget', 'widget_1'],
      ['generated_image', 'image_1'],
      ['structured_input', 'si_1'],
      ['client_tool_call', 'tool_1'],
      ['assistant_message', 'msg_1'],
      ['end_of_turn', 'eot_1'],
    ]);
    expect(rendered[0]?.[0]).toBe('user_message');
    const workflow = document.querySelector('[data-item-id="wf_1"]')!;
    expect([...workflow.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Read the pagedone',
      'Searched for pricingin progress',
    ]);
    expect(document.querySelector('[data-item-id="task_1"]')?.textContent).toContain('Thinking it over');
    await waitFor(() => expect(document.querySelector('[data-item-id="widget_1"] [data-widget-type="Card"]')).not.toBeNull());
    expect(document.querySelector('[data-item-id="si_1"]')?.textContent).toContain('Which plan?');
    expect(document.querySelector('[data-item-id="tool_1"]')?.textContent).toContain('get_selection');
  });

  it('a reply with annotations shows numbered footnotes linked to a sources list', async () => {
    await renderChat({
      async *respond(thread) {
        yield done({
          id: 'msg_cited',
          thread_id: thread.id,
          created_at: now(),
          type: 'assistant_message',
          content: [
            {
              type: 'output_text',
              text: 'Plans start at $10. Refunds take a week.',
              annotations: [
                {
                  type: 'annotation',
                  index: 19,
                  source: { type: 'url', url: 'https://docs.example.com/pricing', title: 'Pricing' },
                },
                { type: 'annotation', index: 40, source: { type: 'file', filename: 'refunds.pdf', title: 'Refund policy' } },
                {
                  type: 'annotation',
                  index: 40,
                  source: { type: 'url', url: 'https://docs.example.com/pricing', title: 'Pricing' },
                },
              ],
            },
          ],
        });
      },
    });
    await send('prices?');
    const sources = await screen.findByRole('region', { name: 'Sources' });
    const entries = within(sources).getAllByRole('listitem');
    expect(entries.map((entry) => entry.textContent)).toEqual(['Pricing', 'Refund policy · refunds.pdf']);
    const link = within(sources).getByRole('link', { name: 'Pricing' });
    expect(link.getAttribute('href')).toBe('https://docs.example.com/pricing');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    const reply = replies()[0] as HTMLElement;
    const markers = within(reply).getAllByRole('link', { name: /^Source \d$/ });
    expect(markers.map((marker) => marker.textContent)).toEqual(['1', '2', '1']);
    expect(reply.querySelector('p')?.textContent).toBe('Plans start at $10.1 Refunds take a week.21');
    expect(markers[1]?.getAttribute('href')).toBe(`#${entries[1]?.id}`);
  });
});

describe('theme', () => {
  it('sets the colour scheme, radius and density attributes and the CSS variables; changing the option restyles', async () => {
    const chat = await renderChat({}, { theme: 'dark' });
    const root = chat.container.querySelector('.cw-root') as HTMLElement;
    expect(root.dataset.colorScheme).toBe('dark');
    chat.rerender({
      theme: {
        colorScheme: 'light',
        radius: 'sharp',
        density: 'compact',
        color: { accent: { primary: '#ffcc00' } },
        typography: { baseSize: 17, fontFamily: 'Inter, sans-serif' },
      },
    });
    expect(root.dataset).toMatchObject({ colorScheme: 'light', radius: 'sharp', density: 'compact' });
    expect(root.style.getPropertyValue('--cw-accent')).toBe('#ffcc00');
    expect(root.style.getPropertyValue('--cw-on-accent')).toBe('#000000');
    expect(root.style.getPropertyValue('--cw-font-size')).toBe('17px');
    expect(root.style.getPropertyValue('--cw-font')).toBe('Inter, sans-serif');
  });

  it('is light by default', async () => {
    const chat = await renderChat({});
    expect((chat.container.querySelector('.cw-root') as HTMLElement).dataset.colorScheme).toBe('light');
  });
});
