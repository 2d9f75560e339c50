'use client';

import type { ColorScheme } from '@chatwire/react';
import { useState } from 'react';
import { ChatPanel } from './chat-panel';
import { SignInForm } from './sign-in-form';

/** The side panel: the sign-in while nobody is signed in, the chat once someone is. */
export function AssistantPanel({
  userName,
  theme,
  onSessionChange,
}: {
  userName: string | undefined;
  theme: ColorScheme;
  onSessionChange: () => void;
}) {
  // Set when the app refused the session (expired, signed out elsewhere) before the page knew.
  const [ended, setEnded] = useState<string | undefined>(undefined);
  if (userName === undefined || ended !== undefined) {
    return (
      <SignInForm
        message={ended}
        onSignedIn={() => {
          setEnded(undefined);
          onSessionChange();
        }}
      />
    );
  }
  // A new chat (and controller) per person: nothing of the last user's carries over.
  return <ChatPanel key={userName} theme={theme} onSessionEnded={() => setEnded('Your session has ended. Sign in again.')} />;
}
