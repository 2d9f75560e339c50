import { z } from 'zod';

/** How the app proves who the user is to an MCP server. */
export const McpAuth = z.enum(['app-token', 'user-token', 'none']);
export type McpAuth = z.infer<typeof McpAuth>;

/**
 * One MCP server the agent may use (an entry of `CHATWIRE_MCP_SERVERS`). Its tools are offered to
 * the model as `<name>_<tool>`. `approval`: `true` makes every tool of the server wait for the
 * user's approval before it runs; a list names the tools (as the server names them) that do.
 */
export const McpServerConfig = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1 to 32 letters, digits or dashes (it prefixes the tool names the model sees)'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  auth: McpAuth.default('app-token'),
  approval: z.union([z.boolean(), z.array(z.string().min(1))]).default(false),
});
export type McpServerConfig = z.infer<typeof McpServerConfig>;
export type McpServerConfigInput = z.input<typeof McpServerConfig>;

export const McpServerList = z.array(McpServerConfig).superRefine((servers, check) => {
  const seen = new Set<string>();
  for (const [index, server] of servers.entries()) {
    if (seen.has(server.name))
      check.addIssue({ code: 'custom', path: [index, 'name'], message: `"${server.name}" is used twice` });
    seen.add(server.name);
  }
});

/** Whether the server's tool `toolName` (its own name for it) waits for the user's approval. */
export function needsApproval(server: McpServerConfig, toolName: string): boolean {
  return server.approval === true || (Array.isArray(server.approval) && server.approval.includes(toolName));
}

/** The name the model sees for a server's tool. */
export function mcpToolName(server: Pick<McpServerConfig, 'name'>, toolName: string): string {
  return `${server.name}_${toolName}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}
