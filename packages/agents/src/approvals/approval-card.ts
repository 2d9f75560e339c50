import type { WidgetRoot } from '@chatwire/protocol';
import { z } from 'zod';

/** The `threads.custom_action` type the approval card's buttons send. */
export const APPROVAL_ACTION = 'chatwire.tool_approval';

export const ApprovalPayload = z.object({ decision: z.enum(['approve', 'deny']) });
export type ApprovalDecision = z.infer<typeof ApprovalPayload>['decision'];
/** How a card ends: the user's decision, or `dropped` when the conversation moved on without one. */
export type ApprovalOutcome = ApprovalDecision | 'dropped';

const OUTCOME_TITLES: Record<ApprovalOutcome, string> = {
  approve: 'Approved',
  deny: 'Denied',
  dropped: 'Not run: the conversation moved on',
};

export interface ApprovalCall {
  name: string;
  arguments: string;
}

/**
 * The card asking the user to approve tool calls: what would run, with which arguments, and the
 * "Approve" / "Deny" buttons; once decided, the same card without buttons, saying what was decided.
 */
export function approvalCard(calls: readonly ApprovalCall[], decided?: ApprovalOutcome): WidgetRoot {
  const title = decided === undefined ? 'Approve this action?' : OUTCOME_TITLES[decided];
  const lines = calls.map((call) => ({ type: 'Text', value: `${call.name} ${compactArguments(call.arguments)}`, size: 'sm' }));
  const buttons =
    decided === undefined
      ? [
          {
            type: 'Row',
            gap: 2,
            children: [
              { type: 'Button', label: 'Approve', style: 'primary', onClickAction: action('approve') },
              { type: 'Button', label: 'Deny', variant: 'outline', onClickAction: action('deny') },
            ],
          },
        ]
      : [];
  return {
    type: 'Card',
    key: 'chatwire-tool-approval',
    children: [{ type: 'Title', value: title, size: 'sm' }, ...lines, ...buttons],
  };
}

/** The text a screen reader or a copy shows for the card. */
export function approvalCopyText(calls: readonly ApprovalCall[], decided?: ApprovalOutcome): string {
  const what = calls.map((call) => call.name).join(', ');
  return decided === undefined ? `Approval needed: ${what}` : `${OUTCOME_TITLES[decided]}: ${what}`;
}

function action(decision: ApprovalDecision) {
  return { type: APPROVAL_ACTION, payload: { decision }, handler: 'server', loadingBehavior: 'container' };
}

function compactArguments(raw: string): string {
  const text = raw.length > 300 ? `${raw.slice(0, 300)}…` : raw;
  return text === '' || text === '{}' ? '' : text;
}
