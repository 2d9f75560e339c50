/**
 * `LISTEN`/`NOTIFY` as the event bus needs it: the `pg` driver holds one dedicated connection for
 * it (`createPgNotifications` in `./pg`), PGlite listens in process (`pgliteNotifications` in `./pglite`).
 */
export interface Notifications {
  /** Calls `onPayload` for every notification on `channel`; resolves once listening, to an unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Called after notifications may have been lost (a reconnect), so that whoever waits on them
   * looks again instead of waiting for one that will not come.
   */
  onGap?(listener: () => void): void;
  /** Stops listening and releases the connection. */
  close(): Promise<void>;
}
