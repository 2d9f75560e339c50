/**
 * Server-sent events as the reference server frames them: every event is exactly
 * `data: <compact JSON>\n\n`, with no `event:`/`id:` fields and no terminator.
 */

export function encodeSseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** A keep-alive comment line; decoders ignore it. */
export const SSE_KEEPALIVE = ': ping\n\n';

/**
 * Incremental SSE decoder. Feed it text as it arrives; it returns the `data` payload of every
 * event completed so far. Multi-line data is joined with `\n`, CRLF and CR line ends are
 * accepted, comments and other fields are ignored, as the SSE specification says.
 */
export class SseDecoder {
  private buffer = '';
  private data: string[] = [];

  push(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A lone CR at the very end might be the first half of CRLF: wait for more input.
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.line(this.buffer.slice(start, end), events);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Call at the end of the stream: a final event without its blank line still counts. */
  flush(): string[] {
    const events: string[] = [];
    // With no more input, a trailing CR is a whole line end, not the first half of a CRLF.
    const rest = this.buffer.endsWith('\r') ? this.buffer.slice(0, -1) : this.buffer;
    if (rest.length > 0) this.line(rest, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }
}

/** The `data` payloads of an SSE byte stream, in order. */
export async function* readSseData(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new SseDecoder();
  const text = new TextDecoder();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* decoder.push(text.decode(value, { stream: true }));
    }
    yield* decoder.push(text.decode());
    yield* decoder.flush();
  } finally {
    reader.releaseLock();
  }
}
