import '@chatwire/react/styles.css';
import './page.css';
import { StrictMode, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ColorScheme } from '@chatwire/react';
import { ChatPanel } from './chat-panel.js';
import { checkSession, signOut, type Session } from './session.js';
import { SignIn } from './sign-in.js';

const THEME_KEY = 'chatwire.demo.theme';

/** The reader's choice if they made one, else the system's. */
function useTheme(): [ColorScheme, (theme: ColorScheme) => void] {
  const system = () => (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const stored = () => {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'dark' || value === 'light' ? value : undefined;
  };
  const [theme, setTheme] = useState<ColorScheme>(() => stored() ?? system());
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => {
      if (!stored()) setTheme(system());
    };
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const choose = (next: ColorScheme) => {
    localStorage.setItem(THEME_KEY, next);
    setTheme(next);
  };
  return [theme, choose];
}

function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [theme, setTheme] = useTheme();

  useEffect(() => {
    const abort = new AbortController();
    void checkSession(abort.signal).then(setSession, () => {});
    return () => abort.abort();
  }, []);

  const controls = document.getElementById('page-controls');
  return (
    <>
      {controls
        ? createPortal(
            <>
              <button
                type="button"
                className="page-button"
                aria-pressed={theme === 'dark'}
                onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
              >
                Dark theme
              </button>
              {session.state === 'signed-in' ? (
                <>
                  {session.name ? <span className="signed-in-as">Signed in as {session.name}</span> : null}
                  <button
                    type="button"
                    className="page-button"
                    onClick={() => {
                      void signOut().then(() => setSession({ state: 'signed-out' }));
                    }}
                  >
                    Sign out
                  </button>
                </>
              ) : null}
            </>,
            controls,
          )
        : null}
      {session.state === 'checking' ? (
        <p className="assistant-status" role="status">
          Loading…
        </p>
      ) : session.state === 'signed-out' ? (
        <SignIn message={session.message} onSession={setSession} />
      ) : (
        // A new chat (and controller) per person: nothing of the last user's carries over.
        <ChatPanel
          key={session.name}
          name={session.name}
          theme={theme}
          onSignedOut={(message) => setSession({ state: 'signed-out', message })}
        />
      )}
    </>
  );
}

const root = document.getElementById('assistant');
if (!root) throw new Error('The page has no #assistant element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
