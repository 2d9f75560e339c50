/**
 * Why the server itself stopped a reply (shutting down, say), as opposed to its client leaving:
 * the pipeline saves the partial reply as on any stop, then tells the client with an `error`
 * event carrying `message`, which is meant for users.
 */
export class ServerStop extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerStop';
  }
}

/**
 * One streamed reply, from its admission to its last write: finished, failed, or stopped with
 * its partial answer saved. That end can come after the connection closes (a responder still
 * cleaning up), and a reply that never started ends when its stream does.
 */
export class ReplyRun {
  readonly #controller = new AbortController();
  readonly settled: Promise<void>;
  #settle!: () => void;
  #began = false;
  #over = false;

  constructor() {
    this.settled = new Promise((resolve) => (this.#settle = resolve));
    void this.settled.then(() => (this.#over = true));
  }

  /** Aborts when the client leaves or the reply is stopped; the responder's `run.signal`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The pipeline starts; false when the run was stopped before it could (it must then do nothing). */
  begin(): boolean {
    if (this.#over || this.#controller.signal.aborted) return false;
    this.#began = true;
    return true;
  }

  /** The pipeline is done, writes included. */
  end(): void {
    this.#settle();
  }

  /** The stream's reader is done with it (read to the end, or cancelled). */
  streamEnded(): void {
    if (!this.#began) this.#settle();
  }

  /** Stops the reply; `reason` is the signal's, a `ServerStop` to tell the client why. */
  stop(reason?: unknown): void {
    this.#controller.abort(reason);
    if (!this.#began) this.#settle();
  }
}

/** The replies a server is running, so that it can stop them and wait for them when it shuts down. */
export class RunRegistry {
  readonly #runs = new Set<ReplyRun>();
  #idle: (() => void)[] = [];

  get size(): number {
    return this.#runs.size;
  }

  add(run: ReplyRun): void {
    this.#runs.add(run);
    void run.settled.then(() => {
      this.#runs.delete(run);
      if (this.#runs.size > 0) return;
      const waiting = this.#idle;
      this.#idle = [];
      for (const wake of waiting) wake();
    });
  }

  /** Resolves once no reply is running. */
  whenIdle(): Promise<void> {
    if (this.#runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stops every running reply with `reason`; resolves once each has settled. */
  async stopAll(reason: unknown): Promise<void> {
    const runs = [...this.#runs];
    for (const run of runs) run.stop(reason);
    await Promise.all(runs.map((run) => run.settled));
  }
}
