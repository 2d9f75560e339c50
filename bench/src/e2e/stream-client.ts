import { request, type Agent } from 'node:http';

export interface StreamResult {
  /** ms from sending the request to the first chunk holding a delta. */
  firstDeltaMs: number;
  /** ms from sending the request to the end of the body. */
  totalMs: number;
  /** Deltas seen (occurrences of the marker). */
  deltas: number;
  /** The body, when `keep` was asked for. */
  body?: Buffer;
}

/**
 * POSTs `body` to `url` over a plain `node:http` client and reads the streamed answer to its end,
 * counting occurrences of `marker` (one per delta in every format the benchmarks read).
 */
export function timeStream(
  url: string,
  body: string,
  marker: string,
  { headers = {}, agent, keep = false }: { headers?: Record<string, string>; agent?: Agent; keep?: boolean } = {},
): Promise<StreamResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let firstDeltaMs: number | undefined;
        let deltas = 0;
        let tail = '';
        res.on('data', (chunk: Buffer) => {
          if (keep) chunks.push(chunk);
          // A marker may straddle two chunks: search the end of the previous one too.
          const text = tail + chunk.toString('latin1');
          let at = text.indexOf(marker);
          while (at !== -1) {
            deltas += 1;
            firstDeltaMs ??= performance.now() - started;
            at = text.indexOf(marker, at + marker.length);
          }
          tail = text.slice(-(marker.length - 1));
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url} answered HTTP ${res.statusCode}`));
          if (firstDeltaMs === undefined) return reject(new Error(`${url} sent no ${marker}`));
          resolve({ firstDeltaMs, totalMs: performance.now() - started, deltas, ...(keep && { body: Buffer.concat(chunks) }) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
