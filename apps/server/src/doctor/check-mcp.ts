import { z } from 'zod';
import { describeNetworkError, fail, fetchWithTimeout, ok, safeUrl, type CheckResult } from './check-result.js';

const NAME = 'MCP servers';

const Servers = z.array(z.looseObject({ name: z.string().optional(), url: z.string() }));

/**
 * `CHATWIRE_MCP_SERVERS`, read on its own here (loosely: a JSON array of objects with a `url`), and
 * each URL asked once over HTTP. Any HTTP answer means the server is there (an MCP endpoint may
 * well say 401 or 405 to a bare request); no answer at all is the failure.
 */
export async function checkMcpServers(raw: string | undefined): Promise<CheckResult[]> {
  if (raw === undefined || raw.trim() === '') return [ok(NAME, 'none configured (CHATWIRE_MCP_SERVERS unset).')];
  let servers: z.infer<typeof Servers>;
  try {
    const parsed = Servers.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error('wrong shape');
    servers = parsed.data;
  } catch {
    return [
      fail(
        NAME,
        'CHATWIRE_MCP_SERVERS is not a JSON array of servers.',
        'set it like [{"name":"notes","url":"http://127.0.0.1:9100/mcp"}].',
      ),
    ];
  }
  if (servers.length === 0) return [ok(NAME, 'none configured (an empty list).')];
  return Promise.all(servers.map((server, index) => checkOne(server.name ?? `#${index + 1}`, server.url)));
}

async function checkOne(name: string, url: string): Promise<CheckResult> {
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
    return ok(label, `${safeUrl(url)} answers (HTTP ${response.status} to a request without credentials).`);
  } catch (error) {
    return fail(
      label,
      `${describeNetworkError(error, target.host)}.`,
      `start the MCP server, or correct its url in CHATWIRE_MCP_SERVERS.`,
    );
  }
}
