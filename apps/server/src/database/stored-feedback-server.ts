import type { FeedbackKind } from '@chatwire/protocol';
import type { PostgresStore } from '@chatwire/postgres';
import { ChatKitServer, type AttachmentStore, type ChatKitServerOptions } from '@chatwire/server';
import type { AppContext } from '../context.js';

export interface StoredFeedbackServerOptions extends ChatKitServerOptions {
  /** Where attachment bytes go; without one, `attachments.create`/`delete` answer 501. */
  attachmentStore?: AttachmentStore<AppContext> | undefined;
}

/**
 * A `ChatKitServer` whose thumbs up/down (`items.feedback`) are stored in `chatwire_feedback`,
 * where the base class drops them. The app's responders extend it.
 */
export abstract class StoredFeedbackServer extends ChatKitServer<AppContext> {
  constructor(
    private readonly feedbackStore: PostgresStore<AppContext>,
    options: StoredFeedbackServerOptions = {},
  ) {
    super(feedbackStore, options.attachmentStore, options);
  }

  override async addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: AppContext): Promise<void> {
    await this.feedbackStore.recordFeedback(threadId, itemIds, kind, context);
  }
}
