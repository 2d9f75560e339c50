import type { McpServerConfig } from './mcp-server-config.js';

/**
 * Where the credentials for MCP calls come from. The responder asks for one before every HTTP
 * request it makes to a server, and attaches it as `Authorization: Bearer …` itself: no credential
 * is ever part of model input, tool schemas or arguments, thread items, logs or errors.
 */
export interface McpCredentials<TContext> {
  /**
   * `auth: "app-token"`: a short-lived token for the user in `context`, audience `server.url`
   * (the app's `mintToken`, verifiable through its `/.well-known/jwks.json`).
   */
  appToken(server: McpServerConfig, context: TContext): Promise<string>;
  /** `auth: "user-token"`: the caller's own bearer token, if the request carried one. */
  userToken?(context: TContext): string | undefined;
}

/** The bearer token for one request to `server` on behalf of the user in `context`, or none. */
export async function credentialFor<TContext>(
  server: McpServerConfig,
  context: TContext,
  credentials: McpCredentials<TContext>,
): Promise<string | undefined> {
  switch (server.auth) {
    case 'app-token':
      return credentials.appToken(server, context);
    case 'user-token':
      return credentials.userToken?.(context);
    case 'none':
      return undefined;
  }
}

/** Every occurrence of a secret in `text` replaced, so an error message can be shown or logged. */
export function redact(text: string, secrets: Iterable<string>): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 8) clean = clean.split(secret).join('[redacted]');
  return clean;
}
