export { ChatKitClient, type ChatKitClientOptions, type RequestOptions, type ThreadEventStream } from './chatkit-client.js';
export {
  ChatKitClientError,
  ChatKitHttpError,
  ChatKitNetworkError,
  ChatKitStreamError,
  ProtocolError,
  isAbortError,
} from './errors.js';
export { readThreadEvents, type InvalidEvent, type ReadEventsOptions } from './event-stream.js';
export { parseRetryAfter } from './http-error.js';
export type * from './request-types.js';
export { uploadAttachment, type UploadFile, type UploadOptions, type UploadStrategy } from './attachments/upload-attachment.js';
export { ChatController, type ChatControllerOptions, type WidgetActionOptions } from './controller/chat-controller.js';
export { mergeFormValues, type FormValue, type MergedPayload } from './widgets/form-payload.js';
export { actionRoute, loadingTarget, type ActionRoute, type ActionSource, type LoadingTarget } from './widgets/action-route.js';
export type { ChatEvents, ChatEventName, ClientToolCall, ResponseOutcome } from './controller/chat-events.js';
export type { ChatError, ChatState, Notice, Progress, ThreadListState, ThreadView } from './controller/state.js';
export { initialState } from './controller/state.js';
export { foldEvent, type FoldResult } from './controller/fold-event.js';
// Moved to @chatwire/protocol (the server folds the same updates); still exported here.
export { applyItemUpdate, findComponent, updateComponent } from '@chatwire/protocol';
export type { SendMessageOptions } from './controller/user-input.js';
export {
  getPageContext,
  type PageContextOptions,
  type PageDocument,
  type PageElement,
  type PageWindow,
} from './page-context/page-context.js';
// The page-context rule (shape, caps, cleaning) is the protocol's; the server applies the same one.
export { PAGE_CONTEXT_LIMITS, parsePageContext, type PageContext } from '@chatwire/protocol';
