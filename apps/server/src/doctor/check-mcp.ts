import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { probeMcpServer, type McpCredentials, type McpServerConfig } from '@chatwire/agents';
import { loadDevIdentity, SIGNING_KEY_FILE } from '@chatwire/auth';
import { appOrigin } from '../auth/app-auth.js';
import type { AppConfig } from '../config.js';
import { MCP_TOKEN_TTL_SEC } from '../mcp/app-mcp.js';
import {
  CHECK_TIMEOUT_MS,
  describeNetworkError,
  fail,
  fetchWithTimeout,
  ok,
  safeUrl,
  warn,
  type CheckResult,
} from './check-result.js';

const NAME = 'MCP servers';
/** The subject of the token the doctor presents: no real user's data is read with it. */
const DOCTOR_USER = 'chatwire-doctor';

/**
 * Each server of `CHATWIRE_MCP_SERVERS` (parsed with the rest of the configuration, which already
 * refused a bad value): asked once over HTTP (any HTTP answer means it is there; an MCP endpoint
 * may well say 401 or 405 to a bare request), then, for `app-token` and `none` servers, the MCP
 * handshake and tool list as a reply would do them, with a token the app's key mints (when the app
 * has made its key: the doctor creates nothing). A server that is up but refuses the handshake is a
 * warning: it may only need the app running, to fetch its keys.
 */
export async function checkMcpServers(config: AppConfig): Promise<CheckResult[]> {
  const servers = config.mcpServers;
  if (servers.length === 0) return [ok(NAME, 'none configured (CHATWIRE_MCP_SERVERS unset or empty).')];
  const credentials = existsSync(join(config.dataDir, SIGNING_KEY_FILE)) ? doctorCredentials(config) : undefined;
  return Promise.all(servers.map((server) => checkOne(server, credentials, config)));
}

/** For `auth: "none"` servers, which are never asked for a credential. */
const NO_CREDENTIALS: McpCredentials<null> = { appToken: () => Promise.reject(new Error('the app has no signing key yet')) };

function doctorCredentials(config: AppConfig): McpCredentials<null> {
  const signer = loadDevIdentity({ dataDir: config.dataDir, origin: appOrigin(config) });
  return {
    appToken: async (server) =>
      (await signer).mintToken({ userId: DOCTOR_USER, audience: server.url, ttlSec: MCP_TOKEN_TTL_SEC }),
  };
}

async function checkOne(
  server: McpServerConfig,
  credentials: McpCredentials<null> | undefined,
  config: AppConfig,
): Promise<CheckResult> {
  const label = `MCP ${server.name}`;
  const shown = safeUrl(server.url);
  let status: number;
  try {
    const response = await fetchWithTimeout(server.url, { headers: { Accept: 'application/json, text/event-stream' } });
    await response.body?.cancel().catch(() => {});
    status = response.status;
  } catch (error) {
    return fail(
      label,
      `${describeNetworkError(error, new URL(server.url).host)}.`,
      'start the MCP server, or correct its url in CHATWIRE_MCP_SERVERS.',
    );
  }
  if (status >= 500) {
    return fail(label, `${shown} answered HTTP ${status}.`, "check the MCP server's logs (or the proxy in front of it).");
  }
  const reachable = `${shown} answers (HTTP ${status} to a request without credentials; auth ${server.auth})`;
  if (server.auth === 'user-token') return ok(label, `${reachable}; its tools need a signed-in user's token to list.`);
  if (server.auth === 'app-token' && !credentials) {
    return ok(label, `${reachable}; the app has no signing key yet (it makes one on first start) to try the handshake with.`);
  }
  try {
    const tools = await probeMcpServer(server, credentials ?? NO_CREDENTIALS, null, CHECK_TIMEOUT_MS);
    return ok(
      label,
      `${shown} speaks MCP${server.auth === 'app-token' ? " with the app's token" : ''}: ${describeTools(tools)}.`,
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return warn(
      label,
      `${reachable}, but the MCP handshake failed: ${detail.slice(0, 200)}.`,
      server.auth === 'app-token'
        ? `the server must trust ${appOrigin(config)}/.well-known/jwks.json (the app must be running for it to fetch the key) and accept the audience ${shown}.`
        : 'check that the url is the MCP endpoint (Streamable HTTP), not the site.',
    );
  }
}

function describeTools(tools: readonly string[]): string {
  if (tools.length === 0) return 'no tools';
  const listed = tools.slice(0, 6).join(', ');
  return `${tools.length} tool(s) (${listed}${tools.length > 6 ? ', …' : ''})`;
}
