import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NOTES_SERVER = join(REPO_ROOT, 'examples/mcp-notes/server.mjs');

/** A free TCP port on 127.0.0.1 (listened on and released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface NotesServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The example MCP server as `npm run example:mcp` runs it, in its own process. */
export async function startNotesServer(env: { jwksUrl: string; publicUrl?: string }): Promise<NotesServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [NOTES_SERVER], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      MCP_PORT: String(port),
      CHATWIRE_JWKS_URL: env.jwksUrl,
      ...(env.publicUrl && { MCP_PUBLIC_URL: env.publicUrl }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /MCP notes server on (\S+)/.exec(text);
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`The notes server exited:\n${text}`)));
  });
  return {
    url,
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>/mcp`: what the app is configured with (and the tokens' audience). */
  url: string;
  /** Every `Authorization` header value that passed through. */
  authorizations: string[];
  /** Every request body that passed through. */
  bodies: string[];
  /** While true, `tools/call` requests get their connection cut: a server failing mid-conversation. */
  failCalls: boolean;
  close(): Promise<void>;
}

/** An HTTP proxy in front of an MCP server that records what the app sends it. */
export async function startRecordingProxy(target: () => string | undefined): Promise<RecordingProxy> {
  const proxy: RecordingProxy = {
    url: '',
    authorizations: [],
    bodies: [],
    failCalls: false,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.headers.authorization) proxy.authorizations.push(req.headers.authorization);
      proxy.bodies.push(body.toString('utf8'));
      const upstream = target();
      if (upstream === undefined || (proxy.failCalls && body.toString('utf8').includes('"tools/call"'))) {
        res.destroy();
        return;
      }
      const forward = httpRequest(upstream, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return proxy;
}
