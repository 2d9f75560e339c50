import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ThreadStreamEvent } from '@chatwire/protocol';
import type { Logger } from '@chatwire/server';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { Agent } from '@openai/agents-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentContext } from '../agent-context.js';
import { AgentTestServer, mockModel, serverHelpers, type TestContext } from '../test-support/agent-server.js';
import { McpServerConfig } from './mcp-server-config.js';

/**
 * MCP tools through a real MCP server (the SDK's, over HTTP in this process) and the mock model:
 * whatever a server does with the credential it is sent (echo it in a result, in an error), the
 * token never reaches the model, the events or the log.
 */

const TOKEN = 'app-token-for-alice.eyJzdWIiOiJhbGljZSJ9.signature-0123456789';
let mock: MockOpenAI;
const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

/** An MCP server whose `whoami` tool answers with the Authorization header it received. */
function echoingMcp(): Promise<string> {
  return listen((request, response) => {
    const mcp = new McpServer({ name: 'echo', version: '1' });
    mcp.registerTool('whoami', { description: 'Who am I?', inputSchema: {} }, async () => ({
      content: [{ type: 'text', text: `You sent ${request.headers.authorization ?? 'nothing'}` }],
    }));
    mcp.registerTool('double', { description: 'Doubles a number.', inputSchema: { n: z.number() } }, async ({ n }) => ({
      content: [{ type: 'text', text: String(n * 2) }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => void transport.close());
    void mcp.connect(transport).then(() => transport.handleRequest(request, response));
  });
}

beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await mock.close();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, details?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(details ?? {})}`);
  return { lines, error: write, warn: write, info: write };
}

function serverWith(urls: Record<string, string>, logger: Logger, connectTimeoutMs = 5_000) {
  const agent = new Agent<AgentContext, 'text'>({ name: 'Helper', instructions: 'Help.' });
  return new AgentTestServer({
    agent,
    model: mockModel(mock, 'chat_completions'),
    logger,
    mcp: {
      servers: Object.entries(urls).map(([name, url]) => McpServerConfig.parse({ name, url })),
      credentials: { appToken: async () => TOKEN },
      connectTimeoutMs,
    },
  });
}

const notices = (events: ThreadStreamEvent[]) => events.flatMap((event) => (event.type === 'notice' ? [event.message] : []));

describe('MCP tools', () => {
  it('a result that echoes the credential reaches the model with the credential redacted', async () => {
    const logger = recordingLogger();
    const { create } = serverHelpers(serverWith({ echo: await echoingMcp() }, logger));
    mock.reply({ toolCalls: [{ name: 'echo_whoami', arguments: {} }] }, { text: ['Done.'] });
    const { events } = await create('who am I?', { userId: 'alice' } satisfies TestContext);
    const toolMessages = JSON.stringify(
      (mock.requests.at(-1)?.body as { messages: { role: string }[] }).messages.filter((message) => message.role === 'tool'),
    );
    expect(toolMessages).toContain('You sent Bearer [redacted]');
    for (const text of [JSON.stringify(mock.requests.map((r) => r.rawBody)), JSON.stringify(events), logger.lines.join('\n')]) {
      expect(text).not.toContain(TOKEN);
    }
  });

  it('a call the server refuses (bad arguments) is a tool error for the model, not a server down: no notice, the next call works', async () => {
    const logger = recordingLogger();
    const { create } = serverHelpers(serverWith({ echo: await echoingMcp() }, logger));
    mock.reply(
      { toolCalls: [{ name: 'echo_double', arguments: { n: 'seven' } }] },
      { toolCalls: [{ name: 'echo_double', arguments: { n: 7 } }] },
      { text: ['14.'] },
    );
    const { events } = await create('double seven', { userId: 'alice' });
    const outputs = (mock.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] }).messages
      .filter((message) => message.role === 'tool')
      .map((message) => JSON.stringify(message.content));
    expect(outputs).toHaveLength(2);
    expect(outputs[0]).toMatch(/Error: .*(invalid|Invalid|expected number)/);
    expect(outputs[1]).toBe('"14"');
    expect(notices(events)).toEqual([]);
  });

  it('a server that fails the handshake with the credential in its error, and one that never answers: the reply goes on with a notice for each', async () => {
    const logger = recordingLogger();
    const failing = await listen((request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`cannot use ${request.headers.authorization}`);
    });
    const silent = await listen(() => {});
    // The silent one holds the reply for the connect deadline only.
    const { create } = serverHelpers(serverWith({ failing, silent }, logger, 500));
    mock.reply({ text: ['Answered anyway.'] });
    const { events } = await create('hello', { userId: 'alice' });
    expect(events.some((event) => event.type === 'thread.item.done' && event.item.type === 'assistant_message')).toBe(true);
    expect(notices(events)).toEqual([
      'The **failing** tools are unavailable right now; the assistant is answering without them.',
      'The **silent** tools are unavailable right now; the assistant is answering without them.',
    ]);
    expect(logger.lines.join('\n')).toContain('[redacted]');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(mock.requests.at(-1)?.body)).not.toContain('failing_');
  });
});
