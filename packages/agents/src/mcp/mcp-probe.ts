import { McpConnection } from './mcp-connection.js';
import type { McpCredentials } from './mcp-credentials.js';
import type { McpServerConfig } from './mcp-server-config.js';

/**
 * Connects to `server` as the user in `context` would be connected (same credential, same
 * handshake), lists its tools and disconnects: the names of the tools, or a rejection whose
 * message is clean of the credential. For health checks such as `npm run doctor`.
 */
export async function probeMcpServer<TContext>(
  server: McpServerConfig,
  credentials: McpCredentials<TContext>,
  context: TContext,
  timeoutMs = 5_000,
): Promise<string[]> {
  const { connection, tools } = await McpConnection.open(server, context, credentials, { timeoutMs });
  await connection.close();
  return tools.map((tool) => tool.name);
}
