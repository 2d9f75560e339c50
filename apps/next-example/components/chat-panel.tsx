'use client';

import { ChatKit, getPageContext, useChatKit, type ColorScheme } from '@chatwire/react';

/** Same-origin requests carry the httpOnly session cookie; the proxy turns it into a Bearer token. */
const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'same-origin' });

/**
 * The chat, talking to this site's own `/chatkit` (the proxy route). `metadata` is computed per
 * request, so every message carries the context of the page open when it is sent: navigating to
 * another page changes what the next message says about where the reader is.
 */
export function ChatPanel({ theme, onSessionEnded }: { theme: ColorScheme; onSessionEnded: () => void }) {
  const chat = useChatKit({
    api: { url: '/chatkit', fetch: sameOriginFetch, metadata: () => ({ pageContext: getPageContext() }) },
    theme,
    header: { enabled: true, title: { text: 'Ask about Acme Notes' } },
    history: { enabled: true, showRename: true, showDelete: true },
    threadItemActions: { feedback: true, retry: true },
    composer: { placeholder: 'Ask about this page…', attachments: { enabled: true, maxCount: 4 } },
    startScreen: {
      greeting: 'How can I help with Acme Notes?',
      prompts: [
        { label: 'Summarize this page', prompt: 'Summarize this page in three bullet points.' },
        { label: 'What does the Team plan cost?', prompt: 'What does the Team plan cost, and what does it include?' },
        { label: 'How do I work offline?', prompt: 'How does offline mode work?' },
      ],
    },
    onError: ({ error }) => {
      if ('status' in error && error.status === 401) onSessionEnded();
    },
  });
  return <ChatKit control={chat.control} className="assistant-chat" />;
}
