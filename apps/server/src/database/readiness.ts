import type { SqlClient } from '@chatwire/postgres';
import { ServiceUnavailableError } from '@chatwire/server';

export type ProbeResult = { ok: true } | { ok: false; message: string };

export interface ProbeOptions {
  /** The longest the check waits for the database. Default 1 s. */
  timeoutMs?: number;
  /** How long one answer is reused, so a busy health checker costs one query a second. Default 1 s. */
  cacheMs?: number;
}

/**
 * Answers "is the database answering right now?" with a `SELECT 1` that gives up after a short
 * timeout. Answers are cached briefly, and concurrent callers share the query in flight.
 */
export class DatabaseProbe {
  readonly #timeoutMs: number;
  readonly #cacheMs: number;
  #last: { at: number; result: ProbeResult } | undefined;
  #inFlight: Promise<ProbeResult> | undefined;

  constructor(
    private readonly client: SqlClient,
    options: ProbeOptions = {},
  ) {
    this.#timeoutMs = options.timeoutMs ?? 1_000;
    this.#cacheMs = options.cacheMs ?? 1_000;
  }

  check(): Promise<ProbeResult> {
    if (this.#last && performance.now() - this.#last.at < this.#cacheMs) return Promise.resolve(this.#last.result);
    this.#inFlight ??= this.#ping().then((result) => {
      this.#last = { at: performance.now(), result };
      this.#inFlight = undefined;
      return result;
    });
    return this.#inFlight;
  }

  async #ping(): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ServiceUnavailableError(`The database did not answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      // The losing query is left to finish (or fail) on its own; `race` has already handled it.
      await Promise.race([this.client.query('SELECT 1'), timeout]);
      return { ok: true };
    } catch (error) {
      // Only messages meant for clients go out: /readyz is not authenticated.
      return { ok: false, message: error instanceof ServiceUnavailableError ? error.message : 'The database check failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}
