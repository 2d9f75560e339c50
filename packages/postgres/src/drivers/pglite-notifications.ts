import type { PGlite } from '@electric-sql/pglite';
import type { Notifications } from '../notifications.js';

/** `LISTEN`/`NOTIFY` inside one process's embedded database: the bus of an app on PGlite. */
export function pgliteNotifications(pglite: PGlite): Notifications {
  const unlisteners = new Set<() => Promise<void>>();
  return {
    async listen(channel, onPayload) {
      const stop = await pglite.listen(channel, onPayload);
      const unlisten = async () => {
        unlisteners.delete(unlisten);
        if (!pglite.closed) await stop();
      };
      unlisteners.add(unlisten);
      return unlisten;
    },
    async close() {
      await Promise.all([...unlisteners].map((stop) => stop()));
    },
  };
}
