import { attachmentRoutes, type AttachmentRouteHandlers } from './attachment-routes.js';
import { cookieToken } from './caller.js';
import { forwardChat } from './chat-route.js';
import { resolveProxyOptions, type ChatKitProxyOptions } from './proxy-options.js';
import { guarded, type RouteHandler } from './relay.js';

export interface ChatKitProxy {
  /** The chat endpoint: `export const { POST } = proxy;` in `app/chatkit/route.ts`. */
  POST: RouteHandler;
  /**
   * Attachment uploads and downloads, for a catch-all route below the chat's:
   * `export const { GET, HEAD, PUT, POST } = proxy.attachments;` in `app/chatkit/attachments/[...path]/route.ts`.
   */
  attachments: AttachmentRouteHandlers;
}

/**
 * The server side of a page whose session lives in an httpOnly cookie: each request's cookie
 * becomes `Authorization: Bearer` on a request to the ChatKit upstream, whose answer streams
 * back as it arrives (an SSE reply's first event reaches the browser when the upstream sends
 * it), and whose connection closes when the browser's does. Only allow-listed headers cross in
 * either direction; errors are the contract's JSON errors. The options are checked here, once
 * (`ProxyConfigError` names the one that is wrong).
 */
export function createChatKitProxy(options: ChatKitProxyOptions): ChatKitProxy {
  const settings = resolveProxyOptions(options, cookieToken);
  return {
    POST: guarded(settings, (request) => forwardChat(request, settings)),
    attachments: attachmentRoutes(settings),
  };
}
