import type { ResolvedHooks } from './hooks.js';
import type { RequestLimits } from './limits/request-limits.js';
import type { Logger } from './logger.js';
import type { RunManager } from './run-manager.js';
import type { ReplyRun } from './runs.js';
import type { AttachmentStore, Store } from './store.js';

/** Everything a request handler needs, for one request. */
export interface RequestEnv<TContext> {
  /** The app's decisions (`respond`, `action`, …), defaults filled in. */
  readonly hooks: ResolvedHooks<TContext>;
  readonly store: Store<TContext>;
  readonly attachmentStore: AttachmentStore<TContext> | undefined;
  readonly context: TContext;
  /** Aborts when the client goes away or the reply is stopped. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** The current time as an ISO-8601 string. */
  now(): string;
  readonly limits?: RequestLimits<TContext> | undefined;
  /** The request's run: its signal is `signal`; a streamed reply reports its start and end to it. */
  readonly run?: ReplyRun;
  /** The server's runs on the event bus: a reply's events go to its run log; stop and resume go through it. */
  readonly runs?: RunManager<TContext>;
}
