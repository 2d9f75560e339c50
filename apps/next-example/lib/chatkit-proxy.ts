import { createChatKitProxy } from '@chatwire/next';
import { SESSION_COOKIE } from './session';
import { ALLOWED_ORIGINS, CHATWIRE_UPSTREAM } from './upstream';

/**
 * The one proxy both route files use: `/chatkit` and `/chatkit/attachments/…` on this site, the
 * Chatwire app's `/chatkit` behind them. The browser sends the httpOnly `docs_session` cookie;
 * the app receives `Authorization: Bearer <token>`.
 */
export const chatkitProxy = createChatKitProxy({
  upstream: CHATWIRE_UPSTREAM,
  cookieName: SESSION_COOKIE,
  allowedOrigins: ALLOWED_ORIGINS,
});
