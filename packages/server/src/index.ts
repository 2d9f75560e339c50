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
  RateLimitedError,
  StreamError,
  CustomStreamError,
} from './errors.js';
export { NonStreamingResult, StreamingResult, type StreamingResultOptions } from './results.js';
export type { ProcessOptions, ProcessResult, ContextInput, ContextResolver } from './process.js';
export { type Logger, stderrLogger, silentLogger, describeError } from './logger.js';
export { toErrorResponse, errorResponse, jsonResponse } from './http/json-response.js';
export { readBody } from './http/read-body.js';
export { SSE_HEADERS, EXTENSIONS_HEADER } from './http/handle-request.js';
export { MemoryStore } from './memory-store.js';
export {
  createRateLimiter,
  type MemoryRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateDecision,
} from './limits/rate-limiter.js';
export {
  createStreamLimiter,
  type MemoryStreamLimiter,
  type StreamLimiter,
  type StreamLimiterOptions,
  type StreamSlot,
} from './limits/stream-limiter.js';
export type { RequestLimits } from './limits/request-limits.js';
export { DEFAULT_SHUTDOWN_GRACE_MS, SHUTDOWN_MESSAGE, type ShutdownOptions } from './shutdown.js';
export type { ServerSettings } from './server-core.js';
export type { EventBus, RunClaim, RunEnd, AbandonedRun } from './bus/event-bus.js';
export { MemoryEventBus, type MemoryEventBusOptions } from './bus/memory-event-bus.js';
export { encodeLoggedEvent, decodeLoggedEvent } from './bus/logged-event.js';
export { DEFAULT_LEASE_MS, type DisconnectPolicy, type RunSettings } from './run-manager.js';
export { streamWidget, diffWidget, type StreamWidgetOptions, type WidgetUpdate } from './widgets.js';
export { applyStructuredInput } from './handlers/structured-input.js';
