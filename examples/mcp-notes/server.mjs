// `npm run example:mcp`: the notes MCP server on http://127.0.0.1:9100/mcp (MCP_PORT), trusting
// tokens the Chatwire app at CHATWIRE_JWKS_URL signs for it.
import { startNotesServer } from './notes-server.mjs';

const port = Number(process.env.MCP_PORT ?? 9100);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`MCP_PORT must be a port number, got ${JSON.stringify(process.env.MCP_PORT)}`);
  process.exit(2);
}
const host = process.env.MCP_HOST ?? '127.0.0.1';
const jwksUrl = process.env.CHATWIRE_JWKS_URL ?? 'http://127.0.0.1:8787/.well-known/jwks.json';
const server = await startNotesServer({
  port,
  host,
  jwksUrl,
  // The URL the app has in CHATWIRE_MCP_SERVERS, when it reaches this server through a proxy.
  ...(process.env.MCP_PUBLIC_URL && { audience: process.env.MCP_PUBLIC_URL }),
  ...(process.env.CHATWIRE_ISSUER && { issuer: process.env.CHATWIRE_ISSUER }),
  log: (line) => console.error(line),
});
console.log(`MCP notes server on ${server.url} (tokens checked against ${jwksUrl})`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
