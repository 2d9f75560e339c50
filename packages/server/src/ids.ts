/** What an id is for; decides its prefix (`thr_…`, `msg_…`). Same kinds as the reference. */
export type StoreItemType = 'thread' | 'message' | 'tool_call' | 'task' | 'workflow' | 'attachment' | 'sdk_hidden_context';

const PREFIXES: Record<StoreItemType, string> = {
  thread: 'thr',
  message: 'msg',
  tool_call: 'tc',
  task: 'tsk',
  workflow: 'wf',
  attachment: 'atc',
  sdk_hidden_context: 'shcx',
};

/**
 * `<prefix>_<16 hex>`. The reference uses 8 hex digits; 64 bits keeps ids unguessable and
 * collision-free at scale while staying short.
 */
export function defaultGenerateId(kind: StoreItemType): string {
  return `${PREFIXES[kind]}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
}
