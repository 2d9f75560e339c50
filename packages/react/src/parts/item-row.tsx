import type { FeedbackKind, ThreadItem } from '@chatwire/protocol';
import { memo } from 'react';
import { AssistantMessage } from './assistant-message.js';
import { FallbackItem } from './fallback-item.js';
import type { ReplyActionsConfig } from './reply-actions.js';
import { UserMessage } from './user-message.js';
import { WidgetItemView } from './widget-item.js';
import { TaskView, WorkflowView } from './workflow-item.js';

export interface ItemRowProps {
  item: ThreadItem;
  streaming: boolean;
  feedback: FeedbackKind | undefined;
  actions: ReplyActionsConfig;
  isLastReply: boolean;
}

/**
 * One thread item. Memoised on its props: the controller keeps the identity of every item a
 * delta did not touch, so while a reply streams only the streaming row renders again.
 */
export const ItemRow = memo(function ItemRow({ item, streaming, feedback, actions, isLastReply }: ItemRowProps) {
  switch (item.type) {
    case 'user_message':
      return <UserMessage item={item} />;
    case 'assistant_message':
      return (
        <AssistantMessage item={item} streaming={streaming} feedback={feedback} actions={actions} isLastReply={isLastReply} />
      );
    case 'workflow':
      return <WorkflowView item={item} />;
    case 'task':
      return <TaskView item={item} />;
    case 'widget':
      return <WidgetItemView item={item} />;
    default:
      return <FallbackItem item={item} />;
  }
});
