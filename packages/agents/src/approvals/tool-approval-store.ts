import { z } from 'zod';

/** A run paused until the user approves or denies the tool calls it asked for. */
export interface PendingToolApproval {
  /** The id of the approval card (a widget item in the thread). */
  id: string;
  threadId: string;
  /** The calls waiting, as the model asked for them (the names it sees, its JSON arguments). */
  calls: { name: string; arguments: string }[];
  /** The paused run (`RunState.toString()`); the run context serializes as nothing. */
  state: string;
  createdAt: string;
}

/**
 * Where paused runs wait for the user's decision. Scoped by the request context like the thread
 * store: another user's approval is indistinguishable from a missing one.
 */
export interface ToolApprovalStore<TContext> {
  savePendingApproval(approval: PendingToolApproval, context: TContext): Promise<void>;
  /**
   * Removes and returns the pending approval, so a run resumes at most once (two clicks, two tabs);
   * `null` when it is missing, already decided, or not the caller's.
   */
  takePendingApproval(threadId: string, id: string, context: TContext): Promise<PendingToolApproval | null>;
  /**
   * Removes and returns every pending approval of the thread: a new message moves the conversation
   * on, and a run paused before it is not resumed after it.
   */
  takeThreadApprovals(threadId: string, context: TContext): Promise<PendingToolApproval[]>;
}

const UserScoped = z.object({ userId: z.string() });

/**
 * Pending approvals in process memory (tests, and apps without a database), scoped by the
 * context's `userId` (or by `scopeOf`).
 */
export class MemoryToolApprovalStore<TContext> implements ToolApprovalStore<TContext> {
  readonly #pending = new Map<string, PendingToolApproval>();

  constructor(
    private readonly scopeOf: (context: TContext) => string = (context) => UserScoped.safeParse(context).data?.userId ?? '',
  ) {}

  async savePendingApproval(approval: PendingToolApproval, context: TContext): Promise<void> {
    this.#pending.set(key(this.scopeOf(context), approval.threadId, approval.id), structuredClone(approval));
  }

  async takePendingApproval(threadId: string, id: string, context: TContext): Promise<PendingToolApproval | null> {
    const k = key(this.scopeOf(context), threadId, id);
    const found = this.#pending.get(k);
    this.#pending.delete(k);
    return found ?? null;
  }

  async takeThreadApprovals(threadId: string, context: TContext): Promise<PendingToolApproval[]> {
    const taken: PendingToolApproval[] = [];
    const scope = this.scopeOf(context);
    for (const [k, approval] of this.#pending) {
      if (approval.threadId !== threadId || k !== key(scope, threadId, approval.id)) continue;
      this.#pending.delete(k);
      taken.push(approval);
    }
    return taken;
  }
}

function key(userId: string, threadId: string, id: string): string {
  return JSON.stringify([userId, threadId, id]);
}
