import '@chatwire/react/styles.css';
import './site.css';
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteShell } from '@/components/site-shell';
import { SESSION_COOKIE, THEME_COOKIE, USER_COOKIE } from '@/lib/session';

export const metadata: Metadata = {
  title: { template: '%s · Acme Notes docs', default: 'Acme Notes docs' },
  description: 'How to use Acme Notes: plans, sharing, offline mode and more.',
  icons: { icon: 'data:,' },
};

export const viewport: Viewport = { colorScheme: 'light dark' };

/**
 * Every page: the session is read here, on the server, from the httpOnly cookies (whether one
 * is there and whose name to show); the token itself never reaches the page.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const jar = await cookies();
  const signedIn = jar.get(SESSION_COOKIE)?.value;
  const userName = signedIn ? (jar.get(USER_COOKIE)?.value ?? '') : undefined;
  const theme = jar.get(THEME_COOKIE)?.value === 'dark' ? 'dark' : 'light';
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <SiteShell userName={userName} initialTheme={theme}>
          {children}
        </SiteShell>
      </body>
    </html>
  );
}
