import { once } from 'node:events';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeListener } from '@chatwire/server/node';
import { alternate, makeRow, type BenchOptions, type BenchRow } from '../report.js';
import {
  BENCH_CONTEXT,
  BenchServer,
  concatBytes,
  CREATE_THREAD_BODY,
  LEADING_EVENTS,
  replyEventCount,
  replyThroughHandle,
  sameBytes,
  splitEvents,
} from './reply.js';

/**
 * The same reply over real HTTP on loopback: our app path (`createNodeListener` around
 * `ChatKitServer.handle`) against a raw `node:http` server writing the identical bytes, one
 * `res.write` per event with the same headers. Both honour backpressure (wait for `drain`), as any
 * server must; the client is a bare `node:http` request on a keep-alive socket, the same for both.
 */

const SUITE = 'http';
const TARGET = 0.5;
const BODY_LENGTH = Buffer.byteLength(CREATE_THREAD_BODY);

/** Headers Node writes by itself; everything else must match between the two servers. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Reply {
  ms: number;
  bytes: number;
  headers: IncomingHttpHeaders;
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** POSTs the `threads.create` body and reads the whole reply. */
function post(port: number, agent: Agent, keep?: Uint8Array[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/chatkit',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': BODY_LENGTH },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
          keep?.push(chunk);
        });
        res.on('end', () => resolve({ ms: performance.now() - start, bytes, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(CREATE_THREAD_BODY);
  });
}

function appServer(deltas: number): Server {
  return createServer(createNodeListener((req) => new BenchServer(deltas).handle(req, BENCH_CONTEXT)));
}

/** Reads the request, then writes `headers` and each event with its own `res.write`. */
function rawServer(events: Uint8Array[], headers: Record<string, string>): Server {
  return createServer((req, res) => {
    req.resume();
    req.once('end', () => {
      void (async () => {
        res.writeHead(200, headers);
        res.flushHeaders();
        for (const event of events) {
          if (!res.write(event)) await once(res, 'drain');
        }
        res.end();
      })().catch(() => res.destroy());
    });
  });
}

function appHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (TRANSPORT_HEADERS.has(name) || value === undefined) continue;
    if (typeof value !== 'string') throw new Error(`Unexpected repeated header ${name}`);
    out[name] = value;
  }
  return out;
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a).sort();
  return keys.join() === Object.keys(b).sort().join() && keys.every((key) => a[key] === b[key]);
}

export async function httpBench({ deltas, runs, warmup }: BenchOptions): Promise<BenchRow[]> {
  const app = appServer(deltas);
  const appPort = await listen(app);
  const appAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  let raw: Server | undefined;
  let rawAgent: Agent | undefined;
  try {
    // One reply over HTTP, checked against handle() called directly: the adapter must pass bytes unchanged.
    const chunks: Uint8Array[] = [];
    const first = await post(appPort, appAgent, chunks);
    const body = concatBytes(chunks);
    const direct: Uint8Array[] = [];
    await replyThroughHandle(deltas, direct);
    if (!sameBytes(body, concatBytes(direct))) throw new Error('The HTTP reply differs from what handle() returns');
    const events = splitEvents(body);
    const eventCount = replyEventCount(deltas) + LEADING_EVENTS;
    if (events.length !== eventCount) throw new Error(`The HTTP reply had ${events.length} events, expected ${eventCount}`);

    const headers = appHeaders(first.headers);
    raw = rawServer(events, headers);
    const rawPort = await listen(raw);
    rawAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const rawChunks: Uint8Array[] = [];
    const rawFirst = await post(rawPort, rawAgent, rawChunks);
    if (!sameBytes(concatBytes(rawChunks), body)) throw new Error('The raw server sent different bytes');
    if (!sameHeaders(appHeaders(rawFirst.headers), headers)) throw new Error('The raw server sent different headers');

    // One run of a server, checking the size of what arrived; MB/s follows from the same timings.
    const measure = (port: number, agent: Agent) => async () => {
      const reply = await post(port, agent);
      if (reply.bytes !== body.byteLength) throw new Error(`A reply had ${reply.bytes} bytes, expected ${body.byteLength}`);
      return eventCount / (reply.ms / 1000);
    };
    const [rawSamples, appSamples] = await alternate([measure(rawPort, rawAgent), measure(appPort, appAgent)], { runs, warmup });
    const megabytes = (eventsPerSecond: number) => (eventsPerSecond / eventCount) * (body.byteLength / 1e6);

    const rawEvents = makeRow({ suite: SUITE, name: 'raw node:http, same bytes', unit: 'events/s', samples: rawSamples! });
    const rawMb = makeRow({ suite: SUITE, name: 'raw node:http, same bytes', unit: 'MB/s', samples: rawSamples!.map(megabytes) });
    const appEvents = makeRow(
      { suite: SUITE, name: 'createNodeListener + handle()', unit: 'events/s', samples: appSamples! },
      rawEvents,
      TARGET,
    );
    const appMb = makeRow(
      { suite: SUITE, name: 'createNodeListener + handle()', unit: 'MB/s', samples: appSamples!.map(megabytes) },
      rawMb,
    );
    return [rawEvents, appEvents, rawMb, appMb];
  } finally {
    appAgent.destroy();
    rawAgent?.destroy();
    await close(app);
    if (raw) await close(raw);
  }
}
