import { ServerStop } from './runs.js';
import type { ServerCore } from './server-core.js';

export interface ShutdownOptions {
  /** How long running replies may go on before they are stopped. Default 10 000 ms. */
  graceMs?: number;
  /** What the user of a reply stopped at the end of the grace period reads (an `error` event). */
  message?: string;
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export const SHUTDOWN_MESSAGE =
  'The server is restarting, so this reply was stopped. What it wrote so far is kept; retry in a moment for a full answer.';

/**
 * Refuses new requests (503 with `Retry-After`), lets running replies finish for `graceMs`, then
 * stops the rest: each keeps its partial answer (`handleStreamCancelled`), and its client gets an
 * `error` event saying why before the stream ends cleanly. Resolves once every reply's last
 * write is done, so the caller may close the store afterwards.
 */
export async function shutdownCore<TContext>(core: ServerCore<TContext>, options: ShutdownOptions = {}): Promise<void> {
  core.closing = true;
  const graceMs = options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([core.runs.whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  await core.runs.stopAll(new ServerStop(options.message ?? SHUTDOWN_MESSAGE));
  // Every run has finished on the bus (its last events appended, ended): stop renewing and listening.
  await core.runManager.close();
}
