import { describe, expect, it } from 'vitest';
import {
  ChatKitReq,
  ChatwireThreadsResumeReq,
  ChatwireThreadsStopReq,
  EXTENSION_REQUEST_TYPES,
  NON_STREAMING_REQUEST_TYPES,
  STREAMING_REQUEST_TYPES,
} from './requests.js';

describe("Chatwire's protocol extensions", () => {
  it('stop and resume are requests of their own, apart from the stock types a ChatKit client sends', () => {
    const stock: readonly string[] = [...STREAMING_REQUEST_TYPES, ...NON_STREAMING_REQUEST_TYPES];
    for (const type of EXTENSION_REQUEST_TYPES) expect(stock).not.toContain(type);
    expect(ChatKitReq.parse({ type: 'chatwire.threads.stop', params: { thread_id: 'thr_1' } })).toEqual({
      type: 'chatwire.threads.stop',
      params: { thread_id: 'thr_1' },
      metadata: {},
    });
    expect(ChatKitReq.parse({ type: 'chatwire.threads.resume', params: { thread_id: 'thr_1', after_event: 12 } })).toEqual({
      type: 'chatwire.threads.resume',
      params: { thread_id: 'thr_1', after_event: 12 },
      metadata: {},
    });
  });

  it('resume needs a whole, non-negative count of events already seen', () => {
    for (const after_event of [-1, 1.5, '3', null, undefined]) {
      expect(
        ChatwireThreadsResumeReq.safeParse({ type: 'chatwire.threads.resume', params: { thread_id: 't', after_event } }).success,
      ).toBe(false);
    }
    expect(
      ChatwireThreadsResumeReq.safeParse({ type: 'chatwire.threads.resume', params: { thread_id: 't', after_event: 0 } }).success,
    ).toBe(true);
  });

  it('stop needs a thread id', () => {
    expect(ChatwireThreadsStopReq.safeParse({ type: 'chatwire.threads.stop', params: {} }).success).toBe(false);
    expect(ChatwireThreadsStopReq.safeParse({ type: 'chatwire.threads.stop', params: { thread_id: '' } }).success).toBe(false);
  });
});
