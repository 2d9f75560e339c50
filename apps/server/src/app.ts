import { createModel } from '@chatwire/agents';
import type { PostgresStore } from '@chatwire/postgres';
import {
  createChatKitHandler,
  createRateLimiter,
  createStreamLimiter,
  errorResponse,
  jsonResponse,
  stderrLogger,
  toErrorResponse,
  type AttachmentStore,
  type ChatKitHandler,
  type ChatKitHooks,
  type EventBus,
  type Logger,
  type RunSettings,
  type RequestLimits,
} from '@chatwire/server';
import { createAssistant } from './assistant.js';
import { appMcp } from './mcp/app-mcp.js';
import { attachmentRoutes } from './attachments/attachment-routes.js';
import { FileAttachmentStore } from './attachments/file-attachment-store.js';
import { appOrigin, createAppAuth } from './auth/app-auth.js';
import { authRoutes } from './auth/auth-routes.js';
import { credentialedRoutes } from './auth/cors.js';
import type { AppConfig } from './config.js';
import { resolveContext, type AppContext } from './context.js';
import { AppDatabase } from './database/app-database.js';
import { openDatabase, type DatabaseOpener } from './database/open-database.js';
import { openRedisBus } from './database/redis-bus.js';
import { observedFetch } from './observability/observed-fetch.js';
import { withDailyBudget } from './usage/daily-budget.js';
import { UsageRecorder } from './usage/usage-recorder.js';
import { usageRoutes } from './usage/usage-routes.js';
import { warmUp } from './warm-up.js';
import { serveWebPage } from './web/static-files.js';

/** The whole HTTP app as a `fetch`-style handler; `main.ts` serves it with the Node adapter. */
export interface App {
  fetch(request: Request): Promise<Response>;
  /**
   * The first half of a graceful stop: new `/chatkit` requests are refused (503 with Retry-After),
   * replies streaming now may finish for `graceMs` (default `CHATWIRE_SHUTDOWN_GRACE_MS`) and are
   * then stopped, each keeping its partial answer and telling its client why. Resolves once their
   * last writes are done.
   */
  drain(graceMs?: number): Promise<void>;
  /** Drains (at once, if `drain` was not called), then closes the database pool or the embedded database. */
  close(): Promise<void>;
  /** Resolves once startup work (the signing key; the database open and migrated) is done; rejects with what stopped it. */
  ready(): Promise<void>;
}

export interface AppDeps {
  logger?: Logger;
  /**
   * What answers on `/chatkit`: `respond` and any other ChatKit hooks, as a plain object of
   * functions, given the app's store and its attachment store (bytes under `CHATWIRE_DATA_DIR`).
   * Default: the assistant with the configured model. Tests swap in their own. Feedback is stored
   * in `chatwire_feedback` unless the responder brings its own `addFeedback`.
   */
  responder?: (store: PostgresStore<AppContext>, attachments: AttachmentStore<AppContext>) => ChatKitHooks<AppContext>;
  /** Opens the database; default: `DATABASE_URL`, else PGlite under `CHATWIRE_DATA_DIR`. */
  database?: DatabaseOpener;
}

type RouteHandler = (request: Request) => Promise<Response>;

export function createApp(config: AppConfig, deps: AppDeps = {}): App {
  const logger = deps.logger ?? stderrLogger;
  // Opens in the background: the app answers /healthz at once, /chatkit and /readyz with 503 until then.
  const database = new AppDatabase(deps.database ?? ((signal) => openDatabase(config, { logger, signal })));
  const store = database.store;
  const files = new FileAttachmentStore({
    dataDir: config.dataDir,
    maxBytes: config.maxAttachmentBytes,
    fallbackOrigin: appOrigin(config),
    publicUrl: config.publicUrl,
  });
  const usage = new UsageRecorder(store, logger);
  const auth = createAppAuth(config, logger);
  const answering =
    deps.responder?.(store, files) ??
    createAssistant(store, {
      logger,
      model: createModel(config.model, { offline: { wordDelayMs: config.offlineWordDelayMs } }),
      allowedModels: config.allowedModels,
      demoTools: config.demoTools,
      files,
      ...(config.mcpServers.length > 0 && { mcp: appMcp(config.mcpServers, auth) }),
      onUsage: (spent, context, thread) => usage.record(spent, context, thread),
    });
  const responder =
    config.dailyTokenBudget > 0 ? withDailyBudget(answering, { tokens: config.dailyTokenBudget, store }) : answering;
  // The bus every instance shares: Redis when configured, else the database's own.
  const redis = config.redisUrl === undefined ? undefined : openRedisBus(config.redisUrl, logger);
  const chatkit = chatkitHandler(
    store,
    files,
    responder,
    logger,
    requestLimits(config),
    runSettings(config, redis?.bus ?? database.bus),
  );
  const attachments = attachmentRoutes({
    auth,
    store: () => (database.isOpen ? store : { unavailable: database.notOpenError() }),
    files,
    logger,
  });

  const routes: Record<string, Record<string, RouteHandler>> = {
    ...credentialedRoutes(
      {
        '/chatkit': {
          POST: async (request) =>
            database.isOpen
              ? chatkit.handle(request, await resolveContext(request, auth))
              : toErrorResponse(database.notOpenError(), logger),
        },
        ...authRoutes(auth),
        ...usageRoutes({
          auth,
          store: () => (database.isOpen ? store : { unavailable: database.notOpenError() }),
          operatorToken: config.operatorToken,
          dailyBudget: config.dailyTokenBudget,
          logger,
        }),
      },
      auth.allowedOrigins,
    ),
    '/healthz': { GET: async () => jsonResponse(JSON.stringify({ status: 'ok' })) },
    // Database open, migrated and answering.
    '/readyz': {
      GET: async () => {
        const { ready, body } = await database.readiness();
        // Open, but the first reply has not been run yet: still starting.
        if (ready && !warmed) return jsonResponse(JSON.stringify({ status: 'starting' }), 503);
        return jsonResponse(JSON.stringify(body), ready ? 200 : 503);
      },
    },
  };

  let warmed = false;
  const app: App = {
    fetch: observedFetch(async (request) => {
      const { pathname } = new URL(request.url);
      const methods = Object.hasOwn(routes, pathname) ? routes[pathname] : attachments(pathname);
      if (!methods && (request.method === 'GET' || request.method === 'HEAD')) return serveWebPage(request);
      if (!methods) return errorResponse(404, 'not_found', `No route for ${pathname.slice(0, 200)}`);
      // HEAD is GET without the body; the Node adapter drops the body.
      const method = request.method === 'HEAD' && methods.GET ? 'GET' : request.method;
      const handler = methods[method];
      if (!handler) {
        return errorResponse(405, 'method_not_allowed', `${request.method} is not allowed on ${pathname}`, {
          allow: allowedMethods(methods),
        });
      }
      return handler(request);
    }, logger),
    drain: (graceMs = config.shutdownGraceMs) => chatkit.shutdown({ graceMs }),
    close: async () => {
      // A second shutdown() only waits for what the first one stopped.
      await chatkit.shutdown({ graceMs: 0 });
      await usage.flush();
      await redis?.close();
      await database.close();
    },
    ready: () => readiness,
  };
  // Ready once the signing key and the database are, and one reply has run (so that the first user's is not the slow one).
  const readiness = (async () => {
    await Promise.all([auth.ready(), database.opened, redis?.ready()]);
    await warmUp({ store, attachments: files, auth, fetch: app.fetch, logger });
    warmed = true;
  })();
  // Reported through ready() to whoever awaits it; never an unhandled rejection.
  readiness.catch(() => {});
  return app;
}

function allowedMethods(methods: Record<string, RouteHandler>): string {
  const names = Object.keys(methods);
  if (names.includes('GET')) names.push('HEAD');
  return names.join(', ');
}

/** The app's ChatKit server, composed: the responder's hooks over the app's stores, feedback kept in Postgres. */
function chatkitHandler(
  store: PostgresStore<AppContext>,
  files: AttachmentStore<AppContext>,
  responder: ChatKitHooks<AppContext>,
  logger: Logger,
  limits: RequestLimits<AppContext>,
  runs: RunSettings<AppContext>,
): ChatKitHandler<AppContext> {
  return createChatKitHandler<AppContext>({
    addFeedback: (threadId, itemIds, kind, context) => store.recordFeedback(threadId, itemIds, kind, context),
    ...responder,
    store,
    attachmentStore: files,
    logger,
    limits,
    runs,
  });
}

/**
 * Replies on the event bus every instance shares (the database's, by default): stop and resume
 * reach a reply wherever it runs, and a reply whose instance died is closed by another, which
 * acts for its user by id alone (what the store scopes by).
 */
function runSettings(config: AppConfig, bus: EventBus): RunSettings<AppContext> {
  return {
    bus,
    onDisconnect: config.onDisconnect,
    leaseMs: config.runLeaseMs,
    recovery: { save: (context) => context.userId, restore: (userId) => ({ userId, user: {} }) },
  };
}

/** Per process: with several instances behind a balancer, each one holds every user to these on its own. */
function requestLimits(config: AppConfig): RequestLimits<AppContext> {
  return {
    key: (context) => context.userId,
    ...(config.rateLimit > 0 && { requests: createRateLimiter({ limit: config.rateLimit }) }),
    ...(config.maxStreamsPerUser > 0 && { streams: createStreamLimiter({ maxPerKey: config.maxStreamsPerUser }) }),
    maxMessageChars: config.maxMessageChars,
  };
}
