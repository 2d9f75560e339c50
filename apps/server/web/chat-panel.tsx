import { ChatKitHttpError } from '@chatwire/client';
import { ChatKit, getPageContext, useChatKit, type ColorScheme } from '@chatwire/react';
import { useRef } from 'react';
import { sameOriginFetch } from './session.js';

/** The open thread survives a reload of the tab. */
function threadMemory(name: string) {
  const key = `chatwire.demo.thread.${name}`;
  return {
    read: () => sessionStorage.getItem(key),
    write: (threadId: string | null) => (threadId ? sessionStorage.setItem(key, threadId) : sessionStorage.removeItem(key)),
  };
}

/** The chat, as a page embeds it: cookie credentials, and this page's context with every request. */
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
  const chat = useChatKit({
    api: { url: '/chatkit', fetch: sameOriginFetch, metadata: () => ({ pageContext: getPageContext() }) },
    initialThread,
    theme,
    header: { enabled: true, title: { text: 'Ask about Acme Notes' } },
    history: { enabled: true, showRename: true, showDelete: true },
    threadItemActions: { feedback: true, retry: true },
    composer: { placeholder: 'Ask about this page…' },
    startScreen: {
      greeting: 'How can I help with Acme Notes?',
      prompts: [
        { label: 'What does the Team plan cost?', prompt: 'What does the Team plan cost, and what does it include?' },
        { label: 'Summarize this page', prompt: 'Summarize this page in three bullet points.' },
        { label: 'How do I work offline?', prompt: 'How does offline mode work?' },
      ],
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
  return <ChatKit control={chat.control} className="assistant-chat" />;
}
