import { createHash, timingSafeEqual } from 'node:crypto';
import { usageByUser, type PostgresStore } from '@chatwire/postgres';
import { BadRequestError, errorResponse, jsonResponse, toErrorResponse, type Logger } from '@chatwire/server';
import type { AppAuth } from '../auth/app-auth.js';
import type { RouteTable } from '../auth/cors.js';
import type { AppContext } from '../context.js';
import { startOfUtcDay } from './daily-budget.js';

export interface UsageRoutesDeps {
  auth: AppAuth;
  /** The app's store, or the error to answer while the database is not open yet. */
  store: () => PostgresStore<AppContext> | { unavailable: Error };
  /** `CHATWIRE_OPERATOR_TOKEN`: a bearer token that may read any user's usage. */
  operatorToken?: string | undefined;
  /** `CHATWIRE_DAILY_TOKEN_BUDGET`; 0 for none. */
  dailyBudget: number;
  logger: Logger;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 90;

/**
 * `GET /admin/usage`: model tokens per UTC day. A signed-in user reads their own
 * (`?days=7`, at most 90); the operator (`Authorization: Bearer <CHATWIRE_OPERATOR_TOKEN>`) reads
 * any user's (`?user_id=…`) or, without one, every user's totals over the window, heaviest first.
 * Asking for someone else's without the operator token is 403 whoever they are, so the answer
 * says nothing about which users exist.
 */
export function usageRoutes(deps: UsageRoutesDeps): RouteTable {
  const operatorDigest = deps.operatorToken === undefined ? undefined : digest(deps.operatorToken);
  const now = deps.now ?? (() => new Date());
  return {
    '/admin/usage': {
      GET: async (request) => {
        const operator = operatorDigest !== undefined && isOperator(request, operatorDigest);
        const self = operator ? undefined : (await deps.auth.authenticate(request)).userId;
        try {
          const store = deps.store();
          if ('unavailable' in store) throw store.unavailable;
          const params = new URL(request.url).searchParams;
          const days = parseDays(params.get('days'));
          const asked = params.get('user_id') ?? undefined;
          if (self !== undefined && asked !== undefined && asked !== self) {
            return errorResponse(403, 'forbidden', "Only the operator token may read other users' usage");
          }
          const time = now();
          const today = startOfUtcDay(time);
          const since = new Date(today.getTime() - (days - 1) * DAY_MS);
          const userId = self ?? asked;
          if (userId === undefined) {
            const users = await usageByUser(store.client, since, 1000);
            return jsonResponse(JSON.stringify({ since: day(since), users }));
          }
          const context = { userId, user: {} };
          const daily = await store.dailyUsage(since, context);
          const used = daily.find((row) => row.day === day(today))?.total_tokens ?? 0;
          const budget = deps.dailyBudget > 0 ? deps.dailyBudget : null;
          const body = {
            user_id: userId,
            since: day(since),
            days: daily,
            today: {
              used_tokens: used,
              budget_tokens: budget,
              remaining_tokens: budget === null ? null : Math.max(0, budget - used),
              resets_at: new Date(today.getTime() + DAY_MS).toISOString(),
            },
          };
          return jsonResponse(JSON.stringify(body));
        } catch (error) {
          return toErrorResponse(error, deps.logger);
        }
      },
    },
  };
}

function isOperator(request: Request, expected: Buffer): boolean {
  const header = request.headers.get('authorization');
  const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return token !== undefined && timingSafeEqual(digest(token), expected);
}

/** Compared as digests: equal lengths, so the comparison takes the same time whatever was sent. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function parseDays(raw: string | null): number {
  if (raw === null) return 7;
  const days = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) throw new BadRequestError(`days: expected a whole number from 1 to ${MAX_DAYS}`, 'days');
  return days;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
