import { buildRequestContext, requestOrigin, type RequestContext } from '@chatwire/auth';
import type { ContextResolver } from '@chatwire/server';
import type { AppAuth } from './auth/app-auth.js';
import { rememberCallerToken } from './mcp/caller-token.js';
import { requestScope } from './observability/request-scope.js';

/**
 * Who a request is for: `userId` (the verified token's `sub`, which scopes every store call),
 * display data from the token's claims, and the page context the client sent, cleaned and capped.
 */
export type AppContext = RequestContext & {
  /**
   * The origin the client reached the app at (as `requestOrigin` reads it, the same one cookie
   * requests are checked against): attachment upload and preview URLs point there. Set on every
   * request; absent only where code builds a context by hand.
   */
  origin?: string;
};

/**
 * The one place a `/chatkit` request's identity is resolved. The caller is authenticated from
 * the headers alone (Bearer token, or session cookie with an allowed `Origin`) before anything
 * reads the body, so an anonymous request never costs a body read or a parse. Throws `AuthError`
 * (401), `ForbiddenError` (403) or `AuthUnavailableError` (503). The resolver it returns builds
 * the context from the parsed request: `metadata` may fill display fields, never identity.
 */
export async function resolveContext(request: Request, auth: AppAuth): Promise<ContextResolver<AppContext>> {
  const identity = await auth.authenticate(request);
  const scope = requestScope.getStore();
  if (scope) scope.userId = identity.userId;
  const acceptLanguage = request.headers.get('accept-language');
  const origin = requestOrigin(request);
  return (parsed) => {
    const context: AppContext = { ...buildRequestContext({ identity, metadata: parsed.metadata, acceptLanguage }), origin };
    rememberCallerToken(context, request);
    return context;
  };
}
