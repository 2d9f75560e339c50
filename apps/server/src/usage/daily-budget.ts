import type { PostgresStore } from '@chatwire/postgres';
import { CustomStreamError, type ChatKitHooks } from '@chatwire/server';
import type { AppContext } from '../context.js';

export interface DailyBudget {
  /** `CHATWIRE_DAILY_TOKEN_BUDGET`: model tokens (input plus output) per user per UTC day. */
  tokens: number;
  store: PostgresStore<AppContext>;
  now?: () => Date;
}

/** Midnight UTC at the start of `now`'s day. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * The responder's hooks, refusing to start a reply (or a widget action's reply) once the user has
 * spent the day's budget. The refusal is an `error` event with a message for the user, after the
 * user's message was stored: the chat shows what was sent and why no answer came, and a retry
 * after midnight UTC answers it. A reply that starts within budget runs to its end.
 */
export function withDailyBudget(hooks: ChatKitHooks<AppContext>, budget: DailyBudget): ChatKitHooks<AppContext> {
  const now = budget.now ?? (() => new Date());
  async function assertWithinBudget(context: AppContext): Promise<void> {
    const time = now();
    const used = await budget.store.tokensUsedSince(startOfUtcDay(time), context);
    if (used < budget.tokens) return;
    throw new CustomStreamError(exhaustedMessage(used, budget.tokens, time), { allowRetry: false });
  }
  const guarded: ChatKitHooks<AppContext> = {
    ...hooks,
    async *respond(thread, input, context, run) {
      await assertWithinBudget(context);
      yield* hooks.respond(thread, input, context, run);
    },
  };
  const action = hooks.action;
  if (action) {
    guarded.action = async function* (thread, widgetAction, sender, context, run) {
      await assertWithinBudget(context);
      yield* action.call(hooks, thread, widgetAction, sender, context, run);
    };
  }
  return guarded;
}

export function exhaustedMessage(used: number, budget: number, now: Date): string {
  const minutes = Math.max(1, Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 60_000));
  const wait = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  const format = (n: number) => n.toLocaleString('en-US');
  return `You have used today's AI allowance (${format(used)} of ${format(budget)} tokens). It renews at midnight UTC, in ${wait}.`;
}
