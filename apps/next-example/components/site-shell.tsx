'use client';

import type { ColorScheme } from '@chatwire/react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { PAGES } from '@/lib/pages';
import { THEME_COOKIE } from '@/lib/session';
import { AssistantPanel } from './assistant-panel';

/**
 * Everything around the pages, kept across navigations (the chat keeps its thread while the
 * reader moves between pages): the header with the theme switch and the session, the page
 * navigation, and the assistant beside the page.
 */
export function SiteShell({
  userName,
  initialTheme,
  children,
}: {
  /** Who is signed in (from the server's read of the httpOnly cookies); `undefined` when nobody is. */
  userName: string | undefined;
  initialTheme: ColorScheme;
  children: ReactNode;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [theme, setTheme] = useState<ColorScheme>(initialTheme);

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    setTheme(next);
  };
  const signOut = async () => {
    await fetch('/auth/sign-out', { method: 'POST' }).catch(() => undefined);
    router.refresh();
  };

  return (
    <div className="site">
      <header className="site-header">
        <Link className="brand" href="/">
          Acme Notes <span className="brand-sub">Docs</span>
        </Link>
        <div className="page-controls">
          {/* On a phone the assistant sits below the page: one tap away. */}
          <a className="page-button assistant-link" href="#assistant">
            Ask
          </a>
          <button type="button" className="page-button" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
            Dark theme
          </button>
          {userName !== undefined ? (
            <>
              {userName !== '' ? <span className="signed-in-as">Signed in as {userName}</span> : null}
              <button type="button" className="page-button" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : null}
        </div>
      </header>
      <div className="site-body">
        <nav className="docs-nav" aria-label="Documentation">
          <p className="docs-nav-title">Guide</p>
          <ul>
            {PAGES.map((page) => (
              <li key={page.href}>
                <Link href={page.href} aria-current={pathname === page.href ? 'page' : undefined}>
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <main className="docs" id="docs" tabIndex={0}>
          {children}
        </main>
        <aside className="assistant" id="assistant" aria-label="Assistant">
          <AssistantPanel userName={userName} theme={theme} onSessionChange={() => router.refresh()} />
        </aside>
      </div>
    </div>
  );
}
