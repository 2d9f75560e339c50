import type { FeedbackKind } from '@chatwire/protocol';
import { useRuntime } from '../context.js';
import { useStrings } from '../strings/use-strings.js';
import { useCopy } from './clipboard.js';
import { CheckIcon, CopyIcon, RetryIcon, ThumbDownIcon, ThumbUpIcon } from './icons.js';

/** Which reply buttons show; one object per options change, so rows can be memoised on it. */
export interface ReplyActionsConfig {
  feedback: boolean;
  retry: boolean;
}

interface ReplyActionsProps {
  itemId: string;
  text: string;
  feedback: FeedbackKind | undefined;
  config: ReplyActionsConfig;
  /** Retry is offered on the latest reply only: retrying an older one would drop everything after it. */
  isLastReply: boolean;
}

export function ReplyActions({ itemId, text, feedback, config, isLastReply }: ReplyActionsProps) {
  const { controller } = useRuntime();
  const { copied, copy } = useCopy();
  const strings = useStrings();
  const retry = () => {
    // Another reply may have started since this one ended; retrying now would be refused.
    if (controller.getState().status !== 'streaming') void controller.retry(itemId);
  };
  return (
    <div className="cw-actions" role="group" aria-label={strings.replyActions}>
      <button type="button" className="cw-icon-button" aria-label={strings.copy} title={strings.copy} onClick={() => copy(text)}>
        {copied ? <CheckIcon /> : <CopyIcon />}
      </button>
      {config.retry && isLastReply && (
        <button type="button" className="cw-icon-button" aria-label={strings.retry} title={strings.retry} onClick={retry}>
          <RetryIcon />
        </button>
      )}
      {config.feedback && (
        <>
          <button
            type="button"
            className="cw-icon-button"
            aria-label={strings.goodResponse}
            title={strings.goodResponse}
            aria-pressed={feedback === 'positive'}
            onClick={() => void controller.feedback([itemId], 'positive')}
          >
            <ThumbUpIcon />
          </button>
          <button
            type="button"
            className="cw-icon-button"
            aria-label={strings.badResponse}
            title={strings.badResponse}
            aria-pressed={feedback === 'negative'}
            onClick={() => void controller.feedback([itemId], 'negative')}
          >
            <ThumbDownIcon />
          </button>
        </>
      )}
      <span className="cw-visually-hidden" role="status">
        {copied ? strings.copied : ''}
      </span>
    </div>
  );
}
