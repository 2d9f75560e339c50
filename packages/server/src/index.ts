export { ChatKitServer, type ChatKitServerOptions } from './server.js';
export { createChatKitHandler, type ChatKitHandler, type ChatKitHandlerOptions } from './chatkit-handler.js';
export type { ChatKitHooks, ResponseRun, TranscriptionAudio } from './hooks.js';
export { CANCELLED_NOTE } from './default-hooks.js';
export { DEFAULT_KEEP_ALIVE_MS } from './keep-alive.js';
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
export { NonStreamingResult, StreamingResult, type StreamingResultOptions } from './results.js';
export type { ProcessOptions, ProcessResult, ContextInput, ContextResolver } from './process.js';
export { type Logger, stderrLogger, silentLogger } from './logger.js';
export { toErrorResponse, errorResponse, jsonResponse } from './http/json-response.js';
export { readBody } from './http/read-body.js';
export { SSE_HEADERS } from './http/handle-request.js';
export { MemoryStore } from './memory-store.js';
export { streamWidget, diffWidget, type StreamWidgetOptions, type WidgetUpdate } from './widgets.js';
export { applyStructuredInput } from './handlers/structured-input.js';
