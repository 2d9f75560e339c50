import type { AssistantMessageItem } from '@chatwire/protocol';
import { describe, expect, it } from 'vitest';
import { runEventBusConformance } from '../testing/event-bus-conformance.js';
import { MemoryEventBus } from './memory-event-bus.js';

runEventBusConformance('memory', () => {
  const bus = new MemoryEventBus();
  return { a: bus, b: bus };
});

describe('MemoryEventBus', () => {
  it('keeps its own copy of an item event, so a responder changing the item afterwards changes nothing a resuming client reads', async () => {
    const bus = new MemoryEventBus();
    await bus.start({ threadId: 'thr_copy', runId: 'run_copy', owner: 'o' }, 60_000);
    const item: AssistantMessageItem = {
      id: 'msg_1',
      thread_id: 'thr_copy',
      created_at: '2030-01-01T00:00:00.000Z',
      type: 'assistant_message',
      content: [],
    };
    await bus.append('run_copy', 0, [{ type: 'thread.item.added', item }]);
    item.content.push({ type: 'output_text', text: 'changed later', annotations: [] });
    const reading = (async () => {
      const seen = [];
      for await (const event of bus.read('thr_copy', 0)) seen.push(event);
      return seen;
    })();
    await bus.finish('run_copy', 'completed');
    expect(await reading).toEqual([{ type: 'thread.item.added', item: { ...item, content: [] } }]);
  });
});
