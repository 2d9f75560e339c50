import { stderrLogger, type Logger } from '@chatwire/server';
import pg from 'pg';
import type { Notifications } from '../notifications.js';

export interface PgNotificationsOptions {
  /** The same database the store uses. */
  connectionString?: string;
  /** Anything else for the connection (`ssl`, `options` with a `search_path`…). */
  clientConfig?: pg.ClientConfig;
  /** Wait this long before connecting again after the connection dropped. Default 1 s. */
  reconnectMs?: number;
  logger?: Logger;
}

/**
 * `LISTEN` on a connection of its own (a pooled one would be handed to other queries, and lose
 * its channels). When it drops, it connects again and listens again; whoever waits is told that
 * notifications may have been missed meanwhile.
 */
export function createPgNotifications(options: PgNotificationsOptions): Notifications {
  return new PgNotifications(options);
}

class PgNotifications implements Notifications {
  readonly #channels = new Map<string, Set<(payload: string) => void>>();
  readonly #gap = new Set<() => void>();
  readonly #logger: Logger;
  #client: Promise<pg.Client> | undefined;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PgNotificationsOptions) {
    this.#logger = options.logger ?? stderrLogger;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const fresh = !this.#channels.has(channel);
    const listeners = this.#channels.get(channel) ?? new Set();
    this.#channels.set(channel, listeners);
    listeners.add(onPayload);
    const client = await this.#connect();
    if (fresh) await client.query(`LISTEN ${quoteIdent(channel)}`);
    return async () => {
      listeners.delete(onPayload);
      if (listeners.size > 0 || this.#closed) return;
      this.#channels.delete(channel);
      await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
    };
  }

  onGap(listener: () => void): void {
    this.#gap.add(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    if (client) await (await client.catch(() => undefined))?.end().catch(() => {});
  }

  #connect(): Promise<pg.Client> {
    this.#client ??= (async () => {
      const client = new pg.Client({
        application_name: 'chatwire-listen',
        keepAlive: true,
        ...this.options.clientConfig,
        ...(this.options.connectionString === undefined ? {} : { connectionString: this.options.connectionString }),
      });
      client.on('notification', (message) => {
        for (const listener of this.#channels.get(message.channel) ?? []) listener(message.payload ?? '');
      });
      client.on('error', (error) => this.#dropped(client, error));
      client.on('end', () => this.#dropped(client));
      try {
        await client.connect();
        for (const channel of this.#channels.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (error) {
        this.#client = undefined;
        await client.end().catch(() => {});
        throw error;
      }
      return client;
    })();
    return this.#client;
  }

  #dropped(client: pg.Client, error?: Error): void {
    if (this.#closed) return;
    void this.#client?.then((current) => {
      if (current !== client) return;
      this.#client = undefined;
      this.#logger.warn('The LISTEN connection dropped; connecting again', { error: error?.message ?? 'ended' });
      this.#retry = setTimeout(() => {
        this.#connect().then(
          () => {
            for (const listener of this.#gap) listener();
          },
          (reason: unknown) => this.#dropped(client, reason instanceof Error ? reason : undefined),
        );
      }, this.options.reconnectMs ?? 1_000);
    });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
