import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeListener } from '@chatwire/server/node';
import { createApp } from './app.js';
import { describeModel } from './assistant.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { unknownVariables } from './config-variables.js';
import { describeDatabase } from './database/open-database.js';
import { warnAboutUserTokens } from './mcp/app-mcp.js';
import { createAppLogger } from './observability/logging.js';
import { observedListener } from './observability/node-server.js';
import { startTracing } from './observability/tracing.js';

/** After the grace period and the replies' cleanup: how long connections still open get before they are cut. */
const CLOSE_CONNECTIONS_AFTER_MS = 2_000;
/** A shutdown stuck past grace + this (a store that never answers) exits anyway, and says so. */
const SHUTDOWN_BACKSTOP_MS = 15_000;

function readConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

const config = readConfig();
const logger = createAppLogger(config.logLevel);
for (const { name, suggestion } of unknownVariables(process.env)) {
  logger.warn(`${name} is set, but the app reads no such variable${suggestion ? `; did you mean ${suggestion}?` : ''}`);
}
warnAboutUserTokens(config.mcpServers, logger);
const stopTracing = await startTracing(config.otlpEndpoint, logger);
const app = createApp(config, { logger });
const server = createServer(observedListener(createNodeListener((request) => app.fetch(request), { logger })));

server.once('error', (error) => {
  process.stderr.write(`Cannot listen on ${config.host}:${config.port}: ${error.message}\n`);
  process.exit(1);
});

server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`Chatwire listening on http://${host}:${port}\n`);
});

let stopping = false;

/**
 * SIGTERM/SIGINT: stop accepting connections; answer requests still arriving on open ones with
 * 503; let streaming replies finish for `CHATWIRE_SHUTDOWN_GRACE_MS`, then stop them (each keeps
 * what it wrote, and its client is told why); then close the database and exit 0.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    // A second Ctrl-C: stop waiting.
    server.closeAllConnections();
    process.exit(0);
  }
  stopping = true;
  logger.info('Shutting down', { signal, graceMs: config.shutdownGraceMs });
  const backstop = setTimeout(() => {
    logger.error('Shutdown did not finish in time; exiting anyway', { waitedMs: config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS });
    process.exit(1);
  }, config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS);
  backstop.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets go as soon as they fall idle; busy ones finish what they are sending.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  idle.unref();
  await app.drain(config.shutdownGraceMs);
  const cut = setTimeout(() => server.closeAllConnections(), CLOSE_CONNECTIONS_AFTER_MS);
  cut.unref();
  await closed;
  clearInterval(idle);
  await app.close();
  await stopTracing();
  logger.info('Stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// Listening already, so liveness checks pass while the database opens;
// /readyz turns 200 and /chatkit starts answering once this resolves.
try {
  await app.ready();
  process.stdout.write(`Ready in ${(performance.now() / 1000).toFixed(1)} s: ${describeDatabase(config)}\n`);
  process.stdout.write(`Model: ${describeModel(config.model)}\n`);
  if (config.mcpServers.length > 0) {
    process.stdout.write(`MCP servers: ${config.mcpServers.map((server) => `${server.name} (${server.auth})`).join(', ')}\n`);
  }
} catch (error) {
  // A damaged signing key file, an unwritable CHATWIRE_DATA_DIR, a database that refuses us: nothing to serve without them.
  if (!stopping) {
    process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
