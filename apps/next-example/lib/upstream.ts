/**
 * Where the Chatwire app is (`CHATWIRE_UPSTREAM`, default `http://127.0.0.1:8787`). Read by
 * server code only: route handlers and the layout. The browser never talks to it.
 */
export const CHATWIRE_UPSTREAM = new URL(process.env.CHATWIRE_UPSTREAM ?? 'http://127.0.0.1:8787').origin;

/** Origins besides this site's own whose pages may call it (`ALLOWED_ORIGINS`, comma-separated). */
export const ALLOWED_ORIGINS = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');
