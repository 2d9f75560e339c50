import { NON_STREAMING_REQUEST_TYPES, STREAMING_REQUEST_TYPES, type ChatKitReqType } from '@chatwire/protocol';

/** One valid sample of every request type, with notes on which fields a mutation may touch. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonRecord = { [key: string]: Json };

export interface RequestSample {
  readonly type: ChatKitReqType;
  readonly params: JsonRecord;
  /** Fields that may be left out. Paths are relative to `params`; `*` matches any key or index. */
  readonly optional: readonly string[];
  /** Fields that also accept `null`. */
  readonly nullable: readonly string[];
  /** Fields that accept any JSON value: nothing at or under them is replaced. */
  readonly free: readonly string[];
}

export const input: JsonRecord = {
  content: [
    { type: 'input_text', text: 'Héllo ✓ wörld' },
    { type: 'input_tag', id: 'tag_1', text: '@Report', data: { doc: 'r1' }, group: 'docs', interactive: true },
  ],
  attachments: ['atc_1'],
  quoted_text: 'quoted',
  inference_options: { tool_choice: { id: 'tool_1' }, model: 'gpt-test' },
};
const inputNullable = [
  'input.quoted_text',
  'input.inference_options.tool_choice',
  'input.inference_options.model',
  'input.content.*.group',
];
const inputNotes = {
  // `data` is a JSON object: each of its entries may be absent and may hold anything.
  optional: [...inputNullable, 'input.content.*.interactive', 'input.content.*.data.*'],
  nullable: inputNullable,
  free: ['input.content.*.data.*'],
};
const action: JsonRecord = { type: 'approve', payload: { id: 7, tags: ['a'] } };
const actionNotes = { optional: ['item_id', 'action.payload'], nullable: ['item_id'], free: ['action.payload'] };
const listNotes = { optional: ['limit', 'order', 'after'], nullable: ['limit', 'after'], free: [] };
const none = { optional: [], nullable: [], free: [] };

/** One valid request of every type, with what the protocol allows for each field. */
export const REQUEST_SAMPLES: readonly RequestSample[] = [
  { type: 'threads.create', params: { input }, ...inputNotes },
  { type: 'threads.add_user_message', params: { thread_id: 'thr_1', input }, ...inputNotes },
  {
    type: 'threads.add_client_tool_output',
    params: { thread_id: 'thr_1', result: { ok: true, rows: [1, 2] } },
    optional: [],
    nullable: [],
    free: ['result'],
  },
  {
    type: 'threads.add_structured_input',
    params: {
      thread_id: 'thr_1',
      item_id: 'itm_1',
      input: { status: 'answered', answers: { q1: { values: ['a', 'b'], skipped: false } } },
    },
    optional: ['input.status', 'input.answers', 'input.answers.*', 'input.answers.*.values', 'input.answers.*.skipped'],
    nullable: [],
    free: [],
  },
  { type: 'threads.retry_after_item', params: { thread_id: 'thr_1', item_id: 'itm_1' }, ...none },
  { type: 'threads.custom_action', params: { thread_id: 'thr_1', item_id: 'itm_1', action }, ...actionNotes },
  { type: 'threads.get_by_id', params: { thread_id: 'thr_1' }, ...none },
  { type: 'threads.list', params: { limit: 10, order: 'asc', after: 'thr_1' }, ...listNotes },
  { type: 'items.list', params: { thread_id: 'thr_1', limit: 10, order: 'desc', after: 'itm_1' }, ...listNotes },
  { type: 'items.feedback', params: { thread_id: 'thr_1', item_ids: ['itm_1', 'itm_2'], kind: 'positive' }, ...none },
  { type: 'attachments.create', params: { name: 'photo.png', size: 1024, mime_type: 'image/png' }, ...none },
  { type: 'attachments.delete', params: { attachment_id: 'atc_1' }, ...none },
  { type: 'threads.update', params: { thread_id: 'thr_1', title: 'Trip plans' }, ...none },
  { type: 'threads.delete', params: { thread_id: 'thr_1' }, ...none },
  { type: 'input.transcribe', params: { audio_base64: 'AAAA', mime_type: 'audio/webm;codecs=opus' }, ...none },
  { type: 'threads.sync_custom_action', params: { thread_id: 'thr_1', item_id: 'itm_1', action }, ...actionNotes },
];

export const ALL_REQUEST_TYPES: readonly string[] = [...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES];
