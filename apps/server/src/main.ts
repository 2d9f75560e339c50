import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stderrLogger } from '@chatwire/server';
import { createNodeListener } from '@chatwire/server/node';
import { createApp } from './app.js';
import { describeModel } from './assistant.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { describeDatabase } from './database/open-database.js';

/** How long in-flight requests (streaming replies included) may run on after a shutdown signal. */
const SHUTDOWN_GRACE_MS = 5_000;

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
const logger = stderrLogger;
const app = createApp(config, { logger });
const server = createServer(createNodeListener((request) => app.fetch(request), { logger }));

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

function shutdown(): void {
  if (stopping) {
    // A second Ctrl-C: stop waiting.
    server.closeAllConnections();
    process.exit(0);
  }
  stopping = true;
  // Stop accepting; the callback runs once every connection has ended.
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  // Keep-alive sockets go as soon as they fall idle; busy ones get the grace period.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  idle.unref();
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 2_000).unref();
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// Listening already, so liveness checks pass while the database opens (PGlite takes seconds);
// /readyz turns 200 and /chatkit starts answering once this resolves.
try {
  await app.ready();
  process.stdout.write(`Ready in ${(performance.now() / 1000).toFixed(1)} s: ${describeDatabase(config)}\n`);
  process.stdout.write(`Model: ${describeModel(config.model)}\n`);
} catch (error) {
  // A damaged signing key file, an unwritable CHATWIRE_DATA_DIR, a database that refuses us: nothing to serve without them.
  if (!stopping) {
    process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
