export { ChatKitServer, CANCELLED_NOTE, type ChatKitServerOptions, type ResponseRun } from './server.js';
export type { Store, AttachmentStore } from './store.js';
export { defaultGenerateId, type StoreItemType } from './ids.js';
export {
  ChatKitError,
  NotFoundError,
  BadRequestError,
  PayloadTooLargeError,
  ConflictError,
  NotImplementedError,
  ServiceUnavailableError,
  StreamError,
  CustomStreamError,
} from './errors.js';
export { NonStreamingResult, StreamingResult } from './results.js';
export type { ProcessOptions, ProcessResult, ContextInput, ContextResolver } from './process.js';
export { type Logger, stderrLogger, silentLogger } from './logger.js';
export { toErrorResponse, errorResponse } from './http/json-response.js';
export { SSE_HEADERS } from './http/handle-request.js';
export { MemoryStore } from './memory-store.js';
export { streamWidget, diffWidget, type StreamWidgetOptions, type WidgetUpdate } from './widgets.js';
export { applyStructuredInput } from './handlers/structured-input.js';
