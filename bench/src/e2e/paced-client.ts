import { request, type Agent } from 'node:http';

/** What every stream of a load run adds to. */
export interface LoadFigures {
  /** Per delta inside the window: the gap the client saw minus the gap the model left (ms). */
  added: number[];
  /** Per delta inside the window: the gap the client saw (ms). */
  gaps: number[];
  /** Per stream: request → first delta (ms). */
  firstDelta: number[];
  errors: number;
  /** What the errors were, the first few. */
  errorSamples: string[];
  /** Streams whose headers have arrived and whose body has not ended. */
  open: number;
  deltas: number;
}

export function newFigures(): LoadFigures {
  return { added: [], gaps: [], firstDelta: [], errors: 0, errorSamples: [], open: 0, deltas: 0 };
}

/** A delta's text as the paced model writes it: ` t<when, ms since the epoch>`. */
const STAMPED = /"delta":" t(\d+\.\d)"/g;
const ANY_DELTA = 'text_delta';

export interface StreamOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  agent: Agent;
  /** Whether `now` (ms since the epoch) is inside the measured window. */
  inWindow: (now: number) => boolean;
  /** Deltas the stream must carry to count as whole (0: any). */
  expectDeltas?: number;
  /** Aborts the request (end of a bounded run). */
  signal?: AbortSignal;
}

const epochNow = () => performance.timeOrigin + performance.now();

function fail(figures: LoadFigures, why: string): void {
  figures.errors += 1;
  if (figures.errorSamples.length < 5) figures.errorSamples.push(why.slice(0, 300));
}

/**
 * One streamed reply, read to its end. With deltas stamped by the paced model, each gap is held
 * against the model's own gap; other deltas (a real model) are only counted and timed. A stream
 * that fails (a status other than 200, an `error` event, a cut, fewer deltas than expected) counts
 * one error. Resolves when the stream is over, with whether it was whole; never rejects.
 */
export function pacedStream(options: StreamOptions, figures: LoadFigures): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(options.url, {
      method: 'POST',
      agent: options.agent,
      signal: options.signal,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body), ...options.headers },
    });
    let settled = false;
    const settle = (why?: string) => {
      if (settled) return;
      settled = true;
      if (why !== undefined && !options.signal?.aborted) fail(figures, why);
      resolve(why === undefined);
    };
    req.on('error', (error) => settle(`request: ${error.message}`));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return settle(`HTTP ${res.statusCode}`);
      }
      figures.open += 1;
      let deltas = 0;
      let lastSent = 0;
      let lastSeen = 0;
      let tail = '';
      let sawError = false;
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        const seen = epochNow();
        // Only whole lines are read; an unfinished last one waits for the next chunk.
        const joined = tail + text;
        const cut = joined.lastIndexOf('\n');
        const chunk = joined.slice(0, cut + 1);
        tail = joined.slice(cut + 1);
        if (chunk.includes('"type":"error"')) sawError = true;
        let stamped = 0;
        for (const match of chunk.matchAll(STAMPED)) {
          stamped += 1;
          const sent = Number(match[1]);
          if (lastSent !== 0 && options.inWindow(seen)) {
            figures.added.push(seen - lastSeen - (sent - lastSent));
            figures.gaps.push(seen - lastSeen);
          }
          lastSent = sent;
          lastSeen = seen;
        }
        const count = stamped > 0 ? stamped : occurrences(chunk, ANY_DELTA);
        if (stamped === 0 && count > 0) {
          if (lastSeen !== 0 && options.inWindow(seen)) figures.gaps.push(seen - lastSeen);
          lastSeen = seen;
        }
        if (deltas === 0 && count > 0) figures.firstDelta.push(performance.now() - started);
        deltas += count;
        figures.deltas += count;
      });
      res.on('error', (error) => {
        figures.open -= 1;
        settle(`response: ${error.message}`);
      });
      res.on('end', () => {
        figures.open -= 1;
        if (sawError) return settle('an error event');
        if (options.expectDeltas && deltas < options.expectDeltas) return settle(`${deltas} of ${options.expectDeltas} deltas`);
        settle();
      });
    });
    req.end(options.body);
  });
}

function occurrences(text: string, marker: string): number {
  let count = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) count += 1;
  return count;
}
