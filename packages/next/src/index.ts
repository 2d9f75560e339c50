export { createChatKitProxy, type ChatKitProxy } from './create-chatkit-proxy.js';
export type { AttachmentRouteHandlers } from './attachment-routes.js';
export type { RouteHandler } from './relay.js';
export {
  ProxyConfigError,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_HEADERS_TIMEOUT_MS,
  type ChatKitProxyOptions,
  type TokenSource,
} from './proxy-options.js';
