// An MCP server that acts for the signed-in Chatwire user: every request carries a short-lived
// token the app minted for this server (Authorization: Bearer), verified here against the app's
// JWKS, its audience (this server's URL) and its expiry. The token's `sub` scopes every note, so
// one user never sees another's. The pattern to copy is `verifyCaller` + one McpServer per request.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

const MAX_NOTE_LENGTH = 2000;
/** The app mints tokens for at most 10 minutes; anything older is refused whatever its `exp`. */
const MAX_TOKEN_AGE = '10m';

/**
 * Starts the notes server. `audience` is the URL the app knows this server by (its `url` in
 * CHATWIRE_MCP_SERVERS); `issuer`, when given, is the app's origin (`iss` of its tokens).
 */
export async function startNotesServer({ port = 9100, host = '127.0.0.1', jwksUrl, audience, issuer, log = () => {} }) {
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  /** @type {Map<string, {id: string, text: string, created_at: string}[]>} */
  const notesByUser = new Map();

  async function verifyCaller(request, expectedAudience) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match) throw new Error('missing bearer token');
    const { payload } = await jwtVerify(match[1], keys, {
      audience: expectedAudience,
      ...(issuer && { issuer }),
      algorithms: ['EdDSA', 'ES256', 'RS256'],
      requiredClaims: ['sub', 'exp', 'iat'],
      maxTokenAge: MAX_TOKEN_AGE,
    });
    return payload.sub;
  }

  function notesServerFor(userId) {
    const server = new McpServer({ name: 'chatwire-notes', version: '0.1.0' });
    const notes = () => notesByUser.get(userId) ?? [];
    const asText = (list) => ({
      content: [{ type: 'text', text: list.length === 0 ? 'No notes.' : list.map((n) => `- ${n.text} (${n.id})`).join('\n') }],
    });
    server.registerTool(
      'add_note',
      { description: 'Save a note for the user.', inputSchema: { text: z.string().min(1).max(MAX_NOTE_LENGTH) } },
      async ({ text }) => {
        const note = { id: randomUUID(), text, created_at: new Date().toISOString() };
        notesByUser.set(userId, [...notes(), note]);
        return { content: [{ type: 'text', text: `Saved note ${note.id}.` }] };
      },
    );
    server.registerTool('list_notes', { description: "List the user's notes, oldest first.", inputSchema: {} }, async () =>
      asText(notes()),
    );
    server.registerTool(
      'search_notes',
      { description: "Find the user's notes containing some text.", inputSchema: { query: z.string().min(1) } },
      async ({ query }) => asText(notes().filter((note) => note.text.toLowerCase().includes(query.toLowerCase()))),
    );
    return server;
  }

  const http = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    if (url.pathname !== '/mcp') return sendJson(response, 404, { error: 'not found' });
    let userId;
    try {
      userId = await verifyCaller(request, audience ?? `http://${host}:${http.address().port}/mcp`);
    } catch (error) {
      // Say why (expired, wrong audience, bad signature) but never echo the token.
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendJson(response, 401, { error: `invalid token: ${error.code ?? error.message}` });
    }
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'this server is stateless: POST only' });
    // Stateless: a fresh MCP server per request, bound to the verified user.
    const server = notesServerFor(userId);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response);
    } catch (error) {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    }
  });

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = http.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/mcp`;
  return {
    url,
    close: () => new Promise((resolve) => http.close(() => resolve(undefined))),
  };
}

function sendJson(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
