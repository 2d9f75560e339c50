import { ALLOWED_ORIGINS } from './upstream';

/**
 * Whether a request that signs in or out comes from this site's own pages (or an allowed
 * origin): another site must not be able to sign the visitor in as someone else (login CSRF).
 * Browsers send `Origin` on every such POST.
 */
export function fromOwnPages(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('host');
  const own = host === null ? new URL(request.url).origin : `${new URL(request.url).protocol}//${host}`;
  return origin === own || ALLOWED_ORIGINS.includes(origin);
}

/** `{"error":{"code","message"}}`, as every Chatwire route answers errors. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}
