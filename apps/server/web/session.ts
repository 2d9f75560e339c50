/** The page's development sign-in: who is signed in, through the app's httpOnly session cookie. */

export type Session = { state: 'checking' } | { state: 'signed-out'; message?: string } | { state: 'signed-in'; name: string };

const NAME_KEY = 'chatwire.demo.name';

/** Same-origin requests carry the session cookie; the app checks their `Origin`. */
export const sameOriginFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'same-origin' });

/** A user id from a display name: `Ada Lovelace` → `ada-lovelace`. */
export function userIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'user';
}

function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * Whether the cookie (httpOnly, so the page cannot read it) still signs us in: a cheap
 * `threads.list` answers 200 or 401. While the app is still opening its database it answers 503;
 * ask again shortly.
 */
export async function checkSession(signal: AbortSignal): Promise<Session> {
  for (let attempt = 0; ; attempt++) {
    const response = await sameOriginFetch('/chatkit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'threads.list', params: { limit: 1 } }),
      signal,
    }).catch(() => undefined);
    if (response?.ok) return { state: 'signed-in', name: rememberedName() };
    if (response?.status === 401) return { state: 'signed-out' };
    if (attempt >= 30) return { state: 'signed-out', message: 'The app is not answering. Reload the page to try again.' };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function signIn(name: string): Promise<Session> {
  const response = await sameOriginFetch('/auth/dev/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_id: userIdFor(name), name }),
  });
  if (response.status === 404) {
    return { state: 'signed-out', message: 'Development sign-in is off: this app signs people in with its identity provider.' };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    return { state: 'signed-out', message: body?.error?.message ?? `Sign-in failed (${response.status}).` };
  }
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Private mode: the name is only for display.
  }
  return { state: 'signed-in', name };
}

export async function signOut(): Promise<void> {
  await sameOriginFetch('/auth/logout', { method: 'POST' }).catch(() => undefined);
  try {
    localStorage.removeItem(NAME_KEY);
  } catch {
    // Nothing to forget.
  }
}
