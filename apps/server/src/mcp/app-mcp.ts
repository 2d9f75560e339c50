import type { McpCredentials, McpOptions, McpServerConfig } from '@chatwire/agents';
import type { Logger } from '@chatwire/server';
import type { AppAuth } from '../auth/app-auth.js';
import type { AppContext } from '../context.js';
import { callerToken } from './caller-token.js';

/** How long a token the app mints for an MCP server lives: one is minted for every request to it. */
export const MCP_TOKEN_TTL_SEC = 300;

/**
 * The app's MCP setup: `app-token` servers get a token the app's own signer mints for the user,
 * audience the server's URL, five minutes (verifiable at `/.well-known/jwks.json`, in every auth
 * mode); `user-token` servers get the caller's own token.
 */
export function appMcp(servers: readonly McpServerConfig[], auth: AppAuth): McpOptions<AppContext> {
  const credentials: McpCredentials<AppContext> = {
    appToken: async (server, context) =>
      (await auth.signer()).mintToken({ userId: context.userId, audience: server.url, ttlSec: MCP_TOKEN_TTL_SEC }),
    userToken: (context) => callerToken(context),
  };
  return { servers, credentials };
}

/** The startup warning for servers that receive the user's own token. */
export function warnAboutUserTokens(servers: readonly McpServerConfig[], logger: Logger): void {
  for (const server of servers.filter((entry) => entry.auth === 'user-token')) {
    logger.warn(
      'An MCP server receives the users\' own tokens (auth "user-token"): it can act as them wherever those tokens are accepted. Prefer "app-token", a short-lived token for that server alone',
      { server: server.name },
    );
  }
}
