/**
 * The example site's own session: an httpOnly cookie holding the token the Chatwire app's
 * development identity provider signed, and a second one with the name to show. Page scripts
 * can read neither; server code (the layout, the routes) reads both.
 */
export const SESSION_COOKIE = 'docs_session';
export const USER_COOKIE = 'docs_user';
export const THEME_COOKIE = 'docs_theme';
/** As long as the app's development tokens live. */
export const SESSION_MAX_AGE_SEC = 12 * 60 * 60;

/** A user id from a display name, as the app's own sign-in makes it: `Ada Lovelace` → `ada-lovelace`. */
export function userIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'user';
}
