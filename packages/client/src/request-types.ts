import type {
  AttachmentsCreateReq,
  ChatwireThreadsResumeReq,
  ChatwireThreadsStopReq,
  AttachmentsDeleteReq,
  InputTranscribeReq,
  ItemsFeedbackReq,
  ItemsListReq,
  StructuredInputAnswerSubmission,
  ThreadsAddClientToolOutputReq,
  ThreadsAddUserMessageReq,
  ThreadsCreateReq,
  ThreadsCustomActionReq,
  ThreadsDeleteReq,
  ThreadsGetByIdReq,
  ThreadsListReq,
  ThreadsRetryAfterItemReq,
  ThreadsAddStructuredInputReq,
  ThreadsUpdateReq,
} from '@chatwire/protocol';

/**
 * The `params` of each request type, taken from the protocol's request schemas, with the fields
 * the server defaults (page order, structured-input status…) left optional for the caller.
 */
type ParamsOf<R extends { params: unknown }> = R['params'];
type WithOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type GetThreadParams = ParamsOf<ThreadsGetByIdReq>;
export type ListThreadsParams = Partial<ParamsOf<ThreadsListReq>>;
export type ListItemsParams = WithOptional<ParamsOf<ItemsListReq>, 'limit' | 'order' | 'after'>;
export type FeedbackParams = ParamsOf<ItemsFeedbackReq>;
export type CreateAttachmentParams = ParamsOf<AttachmentsCreateReq>;
export type DeleteAttachmentParams = ParamsOf<AttachmentsDeleteReq>;
export type UpdateThreadParams = ParamsOf<ThreadsUpdateReq>;
export type DeleteThreadParams = ParamsOf<ThreadsDeleteReq>;
export type TranscribeParams = ParamsOf<InputTranscribeReq>;
export type CustomActionRequestParams = WithOptional<ParamsOf<ThreadsCustomActionReq>, 'item_id'>;

export type CreateThreadParams = ParamsOf<ThreadsCreateReq>;
export type AddUserMessageParams = ParamsOf<ThreadsAddUserMessageReq>;
/** `result` is any JSON value; `null` is allowed, `undefined` is not. */
export type AddClientToolOutputParams = ParamsOf<ThreadsAddClientToolOutputReq>;
export type RetryAfterItemParams = ParamsOf<ThreadsRetryAfterItemReq>;
/** `chatwire.threads.stop`: a Chatwire extension; see `ChatKitClient.supports`. */
export type StopThreadParams = ParamsOf<ChatwireThreadsStopReq>;
/** `chatwire.threads.resume`: `after_event` is how many of the running reply's events the caller already has. */
export type ResumeThreadParams = ParamsOf<ChatwireThreadsResumeReq>;

export interface StructuredInputSubmissionInput {
  status?: 'answered' | 'skipped';
  answers?: Record<string, Partial<StructuredInputAnswerSubmission>>;
}
export type AddStructuredInputParams = Omit<ParamsOf<ThreadsAddStructuredInputReq>, 'input'> & {
  input: StructuredInputSubmissionInput;
};
