import type { ReplyUsage } from '@chatwire/agents';
import type { ThreadMetadata } from '@chatwire/protocol';
import type { PostgresStore } from '@chatwire/postgres';
import { describeError, type Logger } from '@chatwire/server';
import type { AppContext } from '../context.js';

/**
 * Writes what each reply cost to `chatwire_usage` without holding the reply up. The writes are
 * tracked, so shutdown can wait for the last of them before it closes the database.
 */
export class UsageRecorder {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly store: PostgresStore<AppContext>,
    private readonly logger: Logger,
  ) {}

  /** Queues the write; a reply that cost no tokens (the offline model's) leaves no record. */
  record(usage: ReplyUsage, context: AppContext, thread: ThreadMetadata): void {
    if (usage.inputTokens + usage.outputTokens === 0) return;
    const record = {
      threadId: thread.id,
      model: usage.model,
      requests: usage.requests,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      estimated: usage.estimated,
    };
    const write = this.store
      .recordUsage(record, context)
      .catch((error: unknown) =>
        this.logger.error('Recording model usage failed', { threadId: thread.id, ...describeError(error) }),
      );
    this.#pending.add(write);
    void write.finally(() => this.#pending.delete(write));
  }

  /** Resolves once every write begun so far is done. */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending]);
  }
}
