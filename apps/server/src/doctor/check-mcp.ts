import type { McpServerConfig } from '@chatwire/agents';
import { describeNetworkError, fail, fetchWithTimeout, ok, safeUrl, type CheckResult } from './check-result.js';

const NAME = 'MCP servers';

/**
 * Each server of `CHATWIRE_MCP_SERVERS` (parsed with the rest of the configuration, which already
 * refused a bad value) asked once over HTTP. Any HTTP answer means the server is there (an MCP
 * endpoint may well say 401 or 405 to a bare request); no answer at all is the failure.
 */
export async function checkMcpServers(servers: readonly McpServerConfig[]): Promise<CheckResult[]> {
  if (servers.length === 0) return [ok(NAME, 'none configured (CHATWIRE_MCP_SERVERS unset or empty).')];
  return Promise.all(servers.map((server) => checkOne(server.name, server.url, server.auth)));
}

async function checkOne(name: string, url: string, auth: McpServerConfig['auth']): Promise<CheckResult> {
  const label = `MCP ${name}`;
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return fail(label, `${JSON.stringify(name)} has no http(s) URL.`, 'give it a url such as http://127.0.0.1:9100/mcp.');
  }
  try {
    const response = await fetchWithTimeout(url, { headers: { Accept: 'application/json, text/event-stream' } });
    await response.body?.cancel().catch(() => {});
    if (response.status >= 500) {
      return fail(
        label,
        `${safeUrl(url)} answered HTTP ${response.status}.`,
        "check the MCP server's logs (or the proxy in front of it).",
      );
    }
    return ok(label, `${safeUrl(url)} answers (HTTP ${response.status} to a request without credentials; auth ${auth}).`);
  } catch (error) {
    return fail(
      label,
      `${describeNetworkError(error, target.host)}.`,
      `start the MCP server, or correct its url in CHATWIRE_MCP_SERVERS.`,
    );
  }
}
