// @vitest-environment happy-dom
import { inProcessServer } from '@chatwire/test-support/server-fetch';
import { streamText } from '@chatwire/test-support/transcripts';
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defineChatwireChat } from './chatwire-chat-element.js';
import { effectiveOptions, optionsFromAttributes } from './element-options.js';

defineChatwireChat();
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the options of <chatwire-chat>', () => {
  it('attributes give the simple options', () => {
    const element = document.createElement('div');
    for (const [name, value] of Object.entries({
      'api-url': '/chatkit',
      locale: 'de',
      theme: 'dark',
      greeting: 'Hallo',
      attachments: '',
      history: 'off',
    }))
      element.setAttribute(name, value);
    expect(optionsFromAttributes(element)).toEqual({
      api: { url: '/chatkit' },
      locale: 'de',
      theme: 'dark',
      startScreen: { greeting: 'Hallo' },
      composer: { attachments: { enabled: true } },
      history: { enabled: false },
    });
  });

  it('setOptions wins over attributes, which fill in only what it leaves out; there is no chat without an endpoint', () => {
    const attributes = { api: { url: '/from-attribute' }, theme: 'dark' as const, locale: 'de' };
    expect(effectiveOptions(attributes, { locale: 'ar', api: { url: '/chatkit', headers: { A: '1' } } })).toEqual({
      api: { url: '/chatkit', headers: { A: '1' } },
      theme: 'dark',
      locale: 'ar',
    });
    expect(effectiveOptions({}, { theme: 'dark' })).toBeUndefined();
    expect(effectiveOptions(attributes, null)).toEqual({ api: { url: '/from-attribute' }, theme: 'dark', locale: 'de' });
  });
});

describe('<chatwire-chat>', () => {
  it('runs the chat with setOptions, dispatches chatwire.ready and the ChatKit events, and its methods work', async () => {
    const server = inProcessServer({ respond: (thread) => streamText(thread.id, 'r1', ['Hello from the element.']) });
    const element = document.createElement('chatwire-chat');
    const seen: string[] = [];
    for (const name of [
      'chatwire.ready',
      'chatkit.ready',
      'chatkit.response.start',
      'chatkit.response.end',
      'chatkit.thread.change',
    ])
      element.addEventListener(name, (event) => seen.push(`${name}${(event as CustomEvent).detail ? ' +detail' : ''}`));
    element.setAttribute('theme', 'dark');
    document.body.append(element);
    expect(element.querySelector('.cw-root')).toBeNull(); // no endpoint yet, no chat
    await act(async () => element.setOptions({ api: { url: 'http://chatwire.test/chatkit', fetch: server.fetch } }));
    await waitFor(() => expect(seen).toContain('chatwire.ready'));
    expect(element.querySelector('.cw-root')?.getAttribute('data-color-scheme')).toBe('dark');

    await act(async () => element.sendUserMessage({ text: 'Hi' }));
    await waitFor(() => expect(seen).toContain('chatkit.response.end +detail'));
    expect(element.textContent).toContain('Hello from the element.');
    expect(seen).toEqual([
      'chatkit.ready',
      'chatwire.ready',
      'chatkit.response.start +detail',
      'chatkit.thread.change +detail',
      'chatkit.response.end +detail',
    ]);
  });

  it('takes over options set as a property before it was defined', async () => {
    const server = inProcessServer({});
    const early = document.createElement('chatwire-early');
    Object.assign(early, { options: { api: { url: 'http://chatwire.test/chatkit', fetch: server.fetch }, locale: 'de' } });
    document.body.append(early);
    await act(async () => customElements.define('chatwire-early', class extends customElements.get('chatwire-chat')! {}));
    await waitFor(() => expect(early.querySelector('[aria-label="Nachricht"]')).not.toBeNull());
  });
});
