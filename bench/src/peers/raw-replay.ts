import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The ceiling: for any POST, writes the bytes in `REPLAY_FILE` (an SSE body the app once sent) as
 * they were framed, one write per event, with nothing computed in between. What HTTP and the
 * client cost on this machine for the same bytes. Prints `listening on <url>`.
 */

const bytes = readFileSync(process.env.REPLAY_FILE ?? '');
const frames: Buffer[] = [];
let start = 0;
for (let i = 1; i < bytes.length; i++) {
  if (bytes[i] === 0x0a && bytes[i - 1] === 0x0a) {
    frames.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const frame of frames) res.write(frame);
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
