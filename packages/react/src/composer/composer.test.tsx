// @vitest-environment happy-dom
import type { Attachment, UserMessageItem } from '@chatwire/protocol';
import { streamText } from '@chatwire/test-support/transcripts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acting, renderChat } from '../test-support/render-chat.js';

afterEach(cleanup);

const messageBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

/** Types into the message box as a user does: the value, with the caret at its end. */
function type(text: string) {
  const box = messageBox();
  fireEvent.change(box, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

/** A server that answers every message and remembers what the messages were. */
function recordingServer() {
  const inputs: UserMessageItem[] = [];
  return {
    inputs,
    hooks: {
      respond: (thread: { id: string }, input: UserMessageItem | null) => {
        if (input) inputs.push(input);
        return streamText(thread.id, `r_${inputs.length}`, ['Ok.']);
      },
    },
  };
}

const pick = (container: HTMLElement, files: File[]) =>
  acting(() => fireEvent.change(container.querySelector('input[type="file"]')!, { target: { files } }));

describe('attachment limits', () => {
  it('refuses files over the size for their type, of types not accepted and past the count, and says why', async () => {
    const chat = await renderChat(
      {},
      {
        composer: { attachments: { enabled: true, maxCount: 2, accept: 'image/*,.txt', maxSize: { 'image/*': 10, '*': 1000 } } },
      },
    );
    await pick(chat.container, [
      new File(['x'.repeat(50)], 'big.png', { type: 'image/png' }),
      new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }),
      new File(['a'], 'a.txt', { type: 'text/plain' }),
      new File(['b'], 'b.txt', { type: 'text/plain' }),
      new File(['c'], 'c.txt', { type: 'text/plain' }),
    ]);
    const tray = screen.getByRole('list', { name: 'Attachments' });
    expect(
      within(tray)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('title')?.split(' · ')[0]),
    ).toEqual(['a.txt', 'b.txt']);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('big.png is larger than 10 byte');
    expect(alert.textContent).toContain('report.pdf is not a kind of file this chat accepts.');
    expect(alert.textContent).toContain('You can attach up to 2 files.');
    // Nothing refused was ever sent to the server.
    await waitFor(() => expect(chat.received.filter((request) => request.type === 'attachments.create')).toHaveLength(2));
  });
});

describe('direct uploads', () => {
  it('POST the file as multipart "file" to uploadUrl, and the attachment it answers goes with the message', async () => {
    const { inputs, hooks } = recordingServer();
    const posted: { name: string; text: string }[] = [];
    const attachment: Attachment = { type: 'file', id: 'atc_direct', name: 'plan.txt', mime_type: 'text/plain' };
    const chat = await renderChat(
      {
        ...hooks,
        attachmentStore: {
          generateAttachmentId: () => 'unused',
          createAttachment: () => Promise.reject(new Error('two-phase was used')),
          deleteAttachment: async () => {},
        },
      },
      {
        api: { url: 'http://chatwire.test/chatkit', uploadStrategy: { type: 'direct', uploadUrl: 'http://chatwire.test/files' } },
        composer: { attachments: { enabled: true } },
      },
      {
        wrapFetch: (server) => async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          if (!url.endsWith('/files')) return server(input, init);
          const form = await new Request(url, init).formData();
          const file = form.get('file') as File;
          posted.push({ name: file.name, text: await file.text() });
          await chat.server.store.saveAttachment(attachment, { userId: 'client_test_user' });
          return Response.json(attachment);
        },
      },
    );
    await pick(chat.container, [new File(['Team: $15'], 'plan.txt', { type: 'text/plain' })]);
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(false));
    expect(posted).toEqual([{ name: 'plan.txt', text: 'Team: $15' }]);
    expect(chat.received.map((request) => request.type)).not.toContain('attachments.create');
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Send' })));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]!.attachments.map((a) => a.id)).toEqual(['atc_direct']);
  });
});

describe('@-mentions', () => {
  it('typing @ asks onTagSearch, Enter picks the highlighted entity, and the message carries it as an input_tag', async () => {
    const { inputs, hooks } = recordingServer();
    const onTagSearch = vi.fn((query: string) =>
      [
        { id: 'u1', title: 'Ada Lovelace', group: 'People', data: { team: 'engines' }, interactive: true },
        { id: 'u2', title: 'Alan Turing', group: 'People' },
      ].filter((entity) => entity.title.toLowerCase().includes(query.toLowerCase())),
    );
    const onClick = vi.fn();
    await renderChat(hooks, { entities: { onTagSearch, onClick } });
    await acting(() => type('Ask @a'));
    const list = await screen.findByRole('listbox', { name: 'Mention suggestions' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    expect(onTagSearch).toHaveBeenLastCalledWith('a');
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'ArrowDown' }));
    expect(within(list).getByRole('option', { selected: true }).textContent).toContain('Alan Turing');
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'ArrowUp' }));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    expect(messageBox().value).toBe('Ask @Ada Lovelace ');
    expect(screen.queryByRole('listbox')).toBeNull();
    await acting(() => type('Ask @Ada Lovelace about engines'));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]!.content).toEqual([
      { type: 'input_text', text: 'Ask ' },
      { type: 'input_tag', id: 'u1', text: 'Ada Lovelace', data: { team: 'engines' }, group: 'People', interactive: true },
      { type: 'input_text', text: ' about engines' },
    ]);
    // The sent tag is interactive: a click hands its entity to onClick.
    const tag = await screen.findByRole('button', { name: '@Ada Lovelace' });
    await acting(() => fireEvent.click(tag));
    expect(onClick).toHaveBeenCalledWith(expect.objectContaining({ id: 'u1', title: 'Ada Lovelace', data: { team: 'engines' } }));
  });

  it('a mention picked mid-sentence puts the caret right after it at once, so the next keys land there', async () => {
    const { hooks } = recordingServer();
    await renderChat(hooks, { entities: { onTagSearch: () => [{ id: 'u1', title: 'Ada Lovelace' }] } });
    const box = messageBox();
    await acting(() =>
      fireEvent.change(box, {
        target: { value: 'Ask @a later', selectionStart: 'Ask @a'.length, selectionEnd: 'Ask @a'.length },
      }),
    );
    await screen.findByRole('option', { name: /Ada Lovelace/ });
    // Synchronously: no frame passes before the next key a quick typist presses.
    act(() => {
      fireEvent.keyDown(box, { key: 'Enter' });
    });
    expect(box.value).toBe('Ask @Ada Lovelace later');
    expect([box.selectionStart, box.selectionEnd]).toEqual(['Ask @Ada Lovelace'.length, 'Ask @Ada Lovelace'.length]);
  });

  it('Escape closes the suggestions and a tag edited away is sent as plain text', async () => {
    const { inputs, hooks } = recordingServer();
    await renderChat(hooks, { entities: { onTagSearch: () => [{ id: 'd1', title: 'Docs' }] } });
    await acting(() => type('See @D'));
    await screen.findByRole('option', { name: /Docs/ });
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await acting(() => type('See @Doc please'));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]!.content).toEqual([{ type: 'input_text', text: 'See @Doc please' }]);
  });
});

describe('composer tools and models', () => {
  it('the picked tool and model go with the message as inference_options; a non-persistent tool is cleared after', async () => {
    const { inputs, hooks } = recordingServer();
    const onToolChange = vi.fn();
    await renderChat(hooks, {
      onToolChange,
      composer: {
        tools: [
          { id: 'search', label: 'Search the docs', shortLabel: 'Docs', placeholderOverride: 'Search for…' },
          { id: 'draw', label: 'Draw', pinned: true, persistent: true },
        ],
        models: [
          { id: 'small', label: 'Small', default: true },
          { id: 'large', label: 'Large', description: 'Careful' },
          { id: 'broken', label: 'Broken', disabled: true },
        ],
      },
    });
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Tools' })));
    await acting(() => fireEvent.click(screen.getByRole('menuitemradio', { name: 'Search the docs' })));
    expect(onToolChange).toHaveBeenLastCalledWith({ toolId: 'search' });
    expect(messageBox().getAttribute('placeholder')).toBe('Search for…');
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Model: Small' })));
    expect(screen.getByRole<HTMLButtonElement>('menuitemradio', { name: 'Broken' }).disabled).toBe(true);
    await acting(() => fireEvent.click(screen.getByRole('menuitemradio', { name: /Large/ })));
    await acting(() => type('find pricing'));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]!.inference_options).toEqual({ tool_choice: { id: 'search' }, model: 'large' });
    expect(onToolChange).toHaveBeenLastCalledWith({ toolId: null });
    expect(screen.queryByRole('button', { name: 'Remove Search the docs' })).toBeNull();

    // A pinned, persistent tool is a toggle beside the composer and stays on.
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Draw' }).disabled).toBe(false));
    await acting(() => fireEvent.click(screen.getByRole('button', { name: 'Draw' })));
    expect(screen.getByRole('button', { name: 'Draw' }).getAttribute('aria-pressed')).toBe('true');
    await acting(() => type('a cat'));
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await waitFor(() => expect(inputs).toHaveLength(2));
    expect(inputs[1]!.inference_options).toEqual({ tool_choice: { id: 'draw' }, model: 'large' });
    expect(screen.getByRole('button', { name: 'Draw' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('setComposerValue selects a tool and a model and fills in the text', async () => {
    const { inputs, hooks } = recordingServer();
    const chat = await renderChat(hooks, {
      composer: {
        tools: [{ id: 'search', label: 'Search' }],
        models: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
        ],
      },
    });
    await acting(() => chat.chat().setComposerValue({ text: 'hello', selectedToolId: 'search', selectedModelId: 'b' }));
    expect(messageBox().value).toBe('hello');
    expect(screen.getByRole('button', { name: 'Model: B' })).toBeTruthy();
    await acting(() => fireEvent.keyDown(messageBox(), { key: 'Enter' }));
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]!.inference_options).toEqual({ tool_choice: { id: 'search' }, model: 'b' });
  });
});

describe('languages', () => {
  it('German words with the locale "de"; Arabic words, lang and right-to-left with "ar"; strings override single words', async () => {
    await renderChat({}, { locale: 'de-DE' });
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Unterhaltungen' })).toBeTruthy();
    expect(document.querySelector('.cw-root')?.getAttribute('dir')).toBe('ltr');
    cleanup();
    await renderChat({}, { locale: 'ar', strings: { send: 'أرسل الآن' } });
    const root = document.querySelector('.cw-root')!;
    expect([root.getAttribute('lang'), root.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(screen.getByRole('textbox', { name: 'الرسالة' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'كيف يمكنني مساعدتك؟' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'أرسل الآن' })).toBeTruthy();
  });

  it('an unknown language shows English words, and its direction still follows the tag', async () => {
    await renderChat({}, { locale: 'he-IL' });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(document.querySelector('.cw-root')?.getAttribute('dir')).toBe('rtl');
  });
});
