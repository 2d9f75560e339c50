import { cookies } from 'next/headers';
import { z } from 'zod';
import { jsonError, fromOwnPages } from '@/lib/same-origin';
import { SESSION_COOKIE, SESSION_MAX_AGE_SEC, USER_COOKIE, userIdFor } from '@/lib/session';
import { CHATWIRE_UPSTREAM } from '@/lib/upstream';

const SignInBody = z.object({ name: z.string().trim().min(1).max(100) });
/** What the app's `POST /auth/dev/login` answers. */
const DevLogin = z.object({ token: z.string().regex(/^[A-Za-z0-9._-]+$/), user: z.object({ user_id: z.string() }) });

/**
 * `POST /auth/sign-in` `{"name":"Ada"}`: signs in with the Chatwire app's development identity
 * provider, server to server, and keeps the token it answers in this site's own httpOnly cookie.
 * The browser gets the name back, never the token. (With your own identity provider, this is
 * where your login callback stores its session instead.)
 */
export async function POST(request: Request): Promise<Response> {
  if (!fromOwnPages(request)) return jsonError(403, 'forbidden_origin', 'Sign in from this site’s own pages');
  const body = SignInBody.safeParse(await request.json().catch(() => undefined));
  if (!body.success) return jsonError(400, 'invalid_request', 'name: enter a name of 1 to 100 characters');
  const name = body.data.name;

  const upstream = await fetch(`${CHATWIRE_UPSTREAM}/auth/dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_id: userIdFor(name), name }),
    cache: 'no-store',
  }).catch(() => undefined);
  if (upstream === undefined) return jsonError(502, 'upstream_unreachable', 'The chat app is not reachable. Is it running?');
  if (upstream.status === 404) {
    return jsonError(
      409,
      'dev_login_off',
      'The chat app’s development sign-in is off: it signs people in with its identity provider.',
    );
  }
  const login = DevLogin.safeParse(await upstream.json().catch(() => undefined));
  if (!upstream.ok || !login.success)
    return jsonError(502, 'upstream_error', `Sign-in failed (the chat app answered ${upstream.status})`);

  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const jar = await cookies();
  const cookie = { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE_SEC } as const;
  jar.set(SESSION_COOKIE, login.data.token, cookie);
  // Next encodes cookie values itself (and decodes them on the way in).
  jar.set(USER_COOKIE, name, cookie);
  return Response.json({ user: { name } }, { headers: { 'Cache-Control': 'no-store' } });
}
