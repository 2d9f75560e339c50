import { resolveHooks } from './default-hooks.js';
import type { ChatKitHooks, ResolvedHooks } from './hooks.js';
import { keepAliveSetting } from './keep-alive.js';
import type { RequestLimits } from './limits/request-limits.js';
import { stderrLogger, type Logger } from './logger.js';
import { RunManager, type RunSettings } from './run-manager.js';
import { RunRegistry } from './runs.js';
import type { AttachmentStore, Store } from './store.js';

/** Room for `input.transcribe` audio. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The settings a server is built with besides its hooks; every one has a default. */
export interface ServerSettings<TContext = unknown> {
  /** Where the server logs; default `stderrLogger`. */
  logger?: Logger;
  /** Largest accepted request body, in bytes (default 8 MiB: room for `input.transcribe` audio). */
  maxBodyBytes?: number;
  /** The clock, as ISO-8601 strings; injectable for tests. */
  now?: () => string;
  /**
   * After this many milliseconds without a byte, an SSE stream sends the comment `: ping` so
   * proxies and load balancers do not close an idle reply (default 15 000; 0 turns it off).
   */
  keepAliveMs?: number;
  /** Per-user request rate, concurrent streams and message length; none by default. */
  limits?: RequestLimits<TContext>;
  /** Where replies' events go (the event bus), what a disconnect does, leases; defaults: one process, `cancel`. */
  runs?: RunSettings<TContext>;
}

/** Everything the request pipeline needs from whoever built the server. */
export interface ServerCore<TContext> {
  readonly hooks: ResolvedHooks<TContext>;
  readonly store: Store<TContext>;
  readonly attachmentStore: AttachmentStore<TContext> | undefined;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly keepAliveMs: number;
  readonly limits: RequestLimits<TContext> | undefined;
  /** The replies streaming now, for `shutdown()`. */
  readonly runs: RunRegistry;
  /** The replies on the event bus: logs for resume, stops from any instance, leases. */
  readonly runManager: RunManager<TContext>;
  /** Set by `shutdown()`: new requests are refused (503) from then on. */
  closing: boolean;
  now(): string;
}

export function createServerCore<TContext>(
  hooks: ChatKitHooks<TContext>,
  store: Store<TContext>,
  attachmentStore: AttachmentStore<TContext> | undefined,
  settings: ServerSettings<TContext>,
): ServerCore<TContext> {
  const now = settings.now ?? (() => new Date().toISOString());
  const resolved = resolveHooks(hooks, { store, now });
  const logger = settings.logger ?? stderrLogger;
  return {
    hooks: resolved,
    store,
    attachmentStore,
    logger,
    maxBodyBytes: settings.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    keepAliveMs: keepAliveSetting(settings.keepAliveMs),
    limits: settings.limits,
    runs: new RunRegistry(),
    runManager: new RunManager(settings.runs ?? {}, { store, hooks: resolved, logger }),
    closing: false,
    now,
  };
}
