import type { FeedbackKind, ThreadItem } from '@chatwire/protocol';
import { memo } from 'react';
import { useSettings } from '../context.js';
import { AssistantMessage } from './assistant-message.js';
import { FallbackItem } from './fallback-item.js';
import type { ReplyActionsConfig } from './reply-actions.js';
import { UserMessage } from './user-message.js';
import { ClientToolCallView, GeneratedImageView } from './rich-items.js';
import { StructuredInputView } from './structured-input.js';
import { WidgetView } from './widget-row.js';
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
  const Custom = useSettings().itemRenderers[item.type];
  if (Custom) {
    return (
      <div className="cw-item cw-custom-item" data-item-type={item.type} data-item-id={item.id}>
        <Custom item={item} streaming={streaming} />
      </div>
    );
  }
  switch (item.type) {
    case 'user_message':
      return <UserMessage item={item} />;
    case 'assistant_message':
      return (
        <AssistantMessage item={item} streaming={streaming} feedback={feedback} actions={actions} isLastReply={isLastReply} />
      );
    case 'workflow':
      return <WorkflowView item={item} streaming={streaming} />;
    case 'task':
      return <TaskView item={item} />;
    case 'widget':
      return <WidgetView item={item} />;
    case 'structured_input':
      return <StructuredInputView item={item} />;
    case 'client_tool_call':
      return <ClientToolCallView item={item} />;
    case 'generated_image':
      return <GeneratedImageView item={item} streaming={streaming} />;
    default:
      return <FallbackItem item={item} />;
  }
});
