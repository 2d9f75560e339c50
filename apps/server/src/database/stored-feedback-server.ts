import type { FeedbackKind } from '@chatwire/protocol';
import type { PostgresStore } from '@chatwire/postgres';
import { ChatKitServer, type ChatKitServerOptions } from '@chatwire/server';
import type { AppContext } from '../context.js';

/**
 * A `ChatKitServer` whose thumbs up/down (`items.feedback`) are stored in `chatwire_feedback`,
 * where the base class drops them. The app's responders extend it.
 */
export abstract class StoredFeedbackServer extends ChatKitServer<AppContext> {
  constructor(
    private readonly feedbackStore: PostgresStore<AppContext>,
    options: ChatKitServerOptions = {},
  ) {
    super(feedbackStore, undefined, options);
  }

  override async addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: AppContext): Promise<void> {
    await this.feedbackStore.recordFeedback(threadId, itemIds, kind, context);
  }
}
