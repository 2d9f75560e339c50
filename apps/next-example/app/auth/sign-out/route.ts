import { cookies } from 'next/headers';
import { fromOwnPages, jsonError } from '@/lib/same-origin';
import { SESSION_COOKIE, USER_COOKIE } from '@/lib/session';

/** `POST /auth/sign-out`: forgets this site's session (the token is gone from the browser with it). */
export async function POST(request: Request): Promise<Response> {
  if (!fromOwnPages(request)) return jsonError(403, 'forbidden_origin', 'Sign out from this site’s own pages');
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  jar.delete(USER_COOKIE);
  return Response.json({}, { headers: { 'Cache-Control': 'no-store' } });
}
