import { MemoryStore, stderrLogger, type Logger } from '@chatwire/server';
import type { AppConfig } from './config.js';
import { resolveContext, type AppContext } from './context.js';
import { EchoServer } from './echo-server.js';

/** The whole HTTP app as a `fetch`-style handler; `main.ts` serves it with the Node adapter. */
export interface App {
  fetch(request: Request): Promise<Response>;
  /** Releases what the app holds (database pools, later). */
  close(): Promise<void>;
}

export interface AppDeps {
  logger?: Logger;
}

type RouteHandler = (request: Request) => Promise<Response>;

export function createApp(_config: AppConfig, deps: AppDeps = {}): App {
  const logger = deps.logger ?? stderrLogger;
  const chatkit = new EchoServer(new MemoryStore<AppContext>(), undefined, { logger });

  const routes: Record<string, Record<string, RouteHandler>> = {
    '/chatkit': {
      POST: async (request) => chatkit.handle(request, await resolveContext(request)),
    },
    '/healthz': { GET: async () => json(200, { status: 'ok' }) },
    // Plain for now; becomes "database reachable, migrations applied" with persistence.
    '/readyz': { GET: async () => json(200, { status: 'ready' }) },
  };

  return {
    async fetch(request) {
      const { pathname } = new URL(request.url);
      const methods = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
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
    },
    async close() {},
  };
}

function allowedMethods(methods: Record<string, RouteHandler>): string {
  const names = Object.keys(methods);
  if (names.includes('GET')) names.push('HEAD');
  return names.join(', ');
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { error: { code, message } }, headers);
}
