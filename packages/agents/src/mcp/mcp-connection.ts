import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { credentialFor, redact, type McpCredentials } from './mcp-credentials.js';
import type { McpServerConfig } from './mcp-server-config.js';

/** A tool as an MCP server lists it. */
export interface McpToolInfo {
  name: string;
  description?: string | undefined;
  inputSchema: Record<string, unknown>;
}

/**
 * A tool call the server answered with a JSON-RPC error (unknown tool, invalid arguments): the
 * server is up, the call was wrong. Anything else (no answer, a cut connection, an HTTP error) means
 * the server cannot be used right now.
 */
export class McpToolCallError extends Error {
  override readonly name = 'McpToolCallError';
}

export interface McpCallResult {
  /** The result's content as text for the model. */
  text: string;
  /** The server reported the call as failed (`isError`). */
  isError: boolean;
}

const CLIENT_INFO = { name: 'chatwire', version: '0.1.0' };

/**
 * One user's connection to one MCP server over Streamable HTTP, for one reply. Every HTTP request
 * it makes asks `credentials` afresh and carries the answer as its `Authorization` header, so a
 * connection only ever speaks for the user it was opened for. Error messages are cleaned of every
 * credential it sent.
 */
export class McpConnection {
  readonly #client = new Client(CLIENT_INFO);
  readonly #sent = new Set<string>();
  #closed = false;

  private constructor(readonly server: McpServerConfig) {}

  /** Connects (the MCP handshake) and lists the server's tools within `timeoutMs`; rejects with a clean error. */
  static async open<TContext>(
    server: McpServerConfig,
    context: TContext,
    credentials: McpCredentials<TContext>,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ connection: McpConnection; tools: McpToolInfo[] }> {
    const connection = new McpConnection(server);
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        const token = await credentialFor(server, context, credentials);
        if (token !== undefined) {
          connection.#sent.add(token);
          headers.set('Authorization', `Bearer ${token}`);
        } else headers.delete('Authorization');
        return fetch(url, { ...init, headers });
      },
    });
    // One deadline for the handshake and the tool list together.
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const request = {
      timeout: options.timeoutMs,
      signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
    };
    try {
      await connection.#client.connect(transport, request);
      const listed = await connection.#client.listTools(undefined, request);
      const tools = listed.tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema,
      }));
      return { connection, tools };
    } catch (error) {
      const clean = connection.cleanError(error);
      await connection.close();
      throw clean;
    }
  }

  async call(
    name: string,
    args: Record<string, unknown>,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<McpCallResult> {
    try {
      const result = await this.#client.callTool({ name, arguments: args }, undefined, {
        timeout: options.timeoutMs,
        ...(options.signal && { signal: options.signal }),
      });
      const content: unknown[] = Array.isArray(result.content) ? result.content : [];
      const text = content
        .map((part) => TextPart.safeParse(part).data?.text ?? JSON.stringify(part))
        .join('\n')
        .trim();
      return { text: this.redact(text), isError: result.isError === true };
    } catch (error) {
      const answered =
        error instanceof McpError && error.code !== ErrorCode.ConnectionClosed && error.code !== ErrorCode.RequestTimeout;
      throw answered ? new McpToolCallError(this.redact(error.message)) : this.cleanError(error);
    }
  }

  /** An `Error` whose message names what went wrong, with every credential this connection sent removed. */
  cleanError(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(this.redact(message));
  }

  redact(text: string): string {
    return redact(text, this.#sent);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.close().catch(() => {});
  }
}

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
