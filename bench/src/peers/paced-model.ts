import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Chat Completions endpoint that streams like a real model: `PACED_RATE` deltas a second per
 * stream (default 30), `PACED_DELTAS` deltas per reply (default 300), each delta's text being the
 * moment it was written (` t<ms since the epoch, to 0.1 ms>`), so a client can tell the model's
 * own pacing from what the server between them added. `POST /control {"deltas": N}` changes the
 * length of the replies that start after it. One ticker serves every open stream, each
 * stream on its own schedule. Non-streamed requests (thread titles) get a short answer at once.
 * Prints `listening on <url>`; its URL with `/v1` is an `OPENAI_BASE_URL`.
 */

const RATE = Number(process.env.PACED_RATE ?? 30);
let deltas = Number(process.env.PACED_DELTAS ?? 300);
const INTERVAL_MS = 1000 / RATE;
const TICK_MS = 2;

interface Stream {
  res: ServerResponse;
  sent: number;
  due: number;
  id: string;
  deltas: number;
}

const streams = new Set<Stream>();
let served = 0;

const now = () => performance.timeOrigin + performance.now();
const chunk = (id: string, delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'mock-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

function tick(): void {
  const t = performance.now();
  for (const stream of streams) {
    if (stream.res.destroyed) {
      streams.delete(stream);
      continue;
    }
    if (t < stream.due) continue;
    if (stream.sent < stream.deltas) {
      stream.res.write(chunk(stream.id, { content: ` t${now().toFixed(1)}` }));
      stream.sent += 1;
      stream.due += INTERVAL_MS;
      continue;
    }
    stream.res.write(chunk(stream.id, {}, 'stop'));
    const usage = { prompt_tokens: 12, completion_tokens: stream.deltas, total_tokens: 12 + stream.deltas };
    stream.res.write(
      `data: ${JSON.stringify({ id: stream.id, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'mock-model', choices: [], usage })}\n\n`,
    );
    stream.res.end('data: [DONE]\n\n');
    streams.delete(stream);
  }
}

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    if (req.url === '/control') {
      const asked = Number((JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as { deltas?: unknown }).deltas);
      if (Number.isInteger(asked) && asked > 0) deltas = asked;
      return void res.writeHead(204).end();
    }
    served += 1;
    const id = `chatcmpl-paced-${served}`;
    let stream = false;
    try {
      stream = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { stream?: unknown }).stream === true;
    } catch {
      // Not JSON: answered as a non-streamed request.
    }
    if (!stream) {
      const body = JSON.stringify({
        id,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: 'mock-model',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Paced title' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk(id, { role: 'assistant', content: '' }));
    streams.add({ res, sent: 0, due: performance.now() + INTERVAL_MS, id, deltas });
  });
});

setInterval(tick, TICK_MS);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
