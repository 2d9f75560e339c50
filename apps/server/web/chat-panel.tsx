import { ChatKitHttpError } from '@chatwire/client';
import { ChatKit, getPageContext, useChatKit, type ColorScheme } from '@chatwire/react';
import { useCallback, useRef, useState } from 'react';
import { Celebration, DemoRating } from './demo-widgets.js';
import { demoWords } from './demo-words.js';
import { searchSections, showSection } from './page-entities.js';
import { sameOriginFetch } from './session.js';

/** The open thread survives a reload of the tab. */
function threadMemory(name: string) {
  const key = `chatwire.demo.thread.${name}`;
  return {
    read: () => sessionStorage.getItem(key),
    write: (threadId: string | null) => (threadId ? sessionStorage.setItem(key, threadId) : sessionStorage.removeItem(key)),
  };
}

/** `?locale=de` or `?locale=ar` shows the chat in German or Arabic (right to left). */
const LOCALE = new URLSearchParams(location.search).get('locale') ?? undefined;
const WORDS = demoWords(LOCALE);

/**
 * The chat, as a page embeds it: cookie credentials, this page's context with every request,
 * attachments, @-mentions of the page's sections, and a composer tool that makes the assistant
 * read the page.
 */
export function ChatPanel({
  name,
  theme,
  onSignedOut,
}: {
  name: string;
  theme: ColorScheme;
  onSignedOut: (message: string) => void;
}) {
  const memory = useRef(threadMemory(name)).current;
  const initialThread = useRef(memory.read()).current;
  const ready = useRef(false);
  const [celebration, setCelebration] = useState<string | null>(null);
  const endCelebration = useCallback(() => setCelebration(null), []);
  const chat = useChatKit({
    api: { url: '/chatkit', fetch: sameOriginFetch, metadata: () => ({ pageContext: getPageContext() }) },
    initialThread,
    theme,
    ...(LOCALE ? { locale: LOCALE } : {}),
    header: { enabled: true, title: { text: WORDS.title } },
    history: { enabled: true, showRename: true, showDelete: true },
    threadItemActions: { feedback: true, retry: true },
    composer: {
      placeholder: WORDS.placeholder,
      attachments: { enabled: true, maxSize: 20 * 1024 * 1024, accept: 'image/*,.pdf,.txt,.md,.csv,.json' },
      tools: [
        {
          id: 'read_page_context',
          label: WORDS.pageTool.label,
          shortLabel: WORDS.pageTool.shortLabel,
          placeholderOverride: WORDS.pageTool.placeholder,
        },
      ],
    },
    entities: { onTagSearch: (query) => searchSections(query, WORDS.sections), onClick: showSection, showComposerMenu: true },
    startScreen: { greeting: WORDS.greeting, prompts: WORDS.prompts },
    widgets: { components: { DemoRating } },
    // The demo's client tool (CHATWIRE_DEMO_TOOLS): the page says which theme it shows.
    onClientTool: ({ name }) => (name === 'get_color_scheme' ? { colorScheme: theme } : { error: `No tool named ${name} here` }),
    onEffect: ({ name, data }) => {
      if (name === 'celebrate') setCelebration(typeof data.message === 'string' ? data.message : 'Hooray');
    },
    onReady: () => {
      ready.current = true;
    },
    onThreadChange: ({ threadId }) => memory.write(threadId),
    onError: ({ error }) => {
      if (!(error instanceof ChatKitHttpError)) return;
      if (error.status === 401) onSignedOut('Your session has ended. Sign in again.');
      // The remembered thread was deleted meanwhile (in another tab): just start on a new chat.
      if (error.status === 404 && !ready.current) {
        memory.write(null);
        chat.control.controller.clearError();
      }
    },
  });
  return (
    <>
      <ChatKit control={chat.control} className="assistant-chat" />
      <Celebration message={celebration} onDone={endCelebration} />
    </>
  );
}
