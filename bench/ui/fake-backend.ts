import { encodeSseData, toWireThread, type ThreadItem, type ThreadMetadata, type ThreadStreamEvent } from '@chatwire/protocol';

/**
 * A ChatKit server inside the bench page: it answers `threads.list`, `threads.get_by_id` and
 * `items.list` for one thread of `count` items, and `threads.add_user_message` with a reply the
 * caller paces (`Stream`). Answers are the protocol's wire form, serialized before any timing
 * starts, so what a run measures is the UI: parsing, folding and rendering.
 */

export const THREAD_ID = 'thr_bench';
export const STREAM_ITEM_ID = 'msg_bench_stream';
const BASE_TIME = Date.UTC(2026, 0, 1);

const at = (second: number) => new Date(BASE_TIME + second * 1000).toISOString();

/** A reply with the markdown replies have: emphasis, inline code, links, lists and, every fifth, a code block. */
function replyText(i: number): string {
  const parts = [
    `Answer **${i}**: a short explanation with \`inline code\`, a [link](https://example.com/docs/${i}) and *some emphasis*.`,
  ];
  if (i % 4 === 1) parts.push('- the first point\n- the second point\n- the third point');
  if (i % 5 === 1)
    parts.push(`\`\`\`ts\nexport function add${i}(a: number, b: number): number {\n  return a + b; // ${i}\n}\n\`\`\``);
  parts.push('That covers it.');
  return parts.join('\n\n');
}

/** `count` items alternating a question and its markdown answer, oldest first. */
export function makeItems(count: number): ThreadItem[] {
  return Array.from({ length: count }, (_, i): ThreadItem =>
    i % 2 === 0
      ? {
          id: `msg_${i}`,
          thread_id: THREAD_ID,
          created_at: at(i),
          type: 'user_message',
          content: [{ type: 'input_text', text: `Question ${i}: how does part ${i} of the system work?` }],
          attachments: [],
          inference_options: {},
        }
      : {
          id: `msg_${i}`,
          thread_id: THREAD_ID,
          created_at: at(i),
          type: 'assistant_message',
          content: [{ type: 'output_text', text: replyText(i), annotations: [] }],
        },
  );
}

/** The plain text of an item, for the floor page. */
export function plainText(item: ThreadItem): string {
  if (item.type === 'user_message' || item.type === 'assistant_message')
    return item.content.map((part) => ('text' in part ? part.text : '')).join('');
  return '';
}

/** Where the streamed reply's deltas come from: `write` sends one event to the page. */
export type Stream = (write: (event: ThreadStreamEvent) => void) => Promise<void>;

const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });

export function fakeBackend(count: number, stream?: Stream): typeof fetch {
  const metadata: ThreadMetadata = {
    id: THREAD_ID,
    title: 'Bench thread',
    created_at: at(0),
    status: { type: 'active' },
    metadata: {},
  };
  const items = makeItems(count);
  // The whole thread in one answer (has_more false), as a server may send it: the client renders every item.
  const thread = JSON.stringify(toWireThread(metadata, { data: items, has_more: false }));
  const threads = JSON.stringify({ data: [toWireThread(metadata)], has_more: false });
  const newestFirst = JSON.stringify({ data: [...items].reverse(), has_more: false });
  const encoder = new TextEncoder();

  return async (input, init) => {
    const envelope: unknown = await new Request(input, init).json();
    const type = typeof envelope === 'object' && envelope !== null && 'type' in envelope ? envelope.type : undefined;
    switch (type) {
      case 'threads.list':
        return json(threads);
      case 'threads.get_by_id':
        return json(thread);
      case 'items.list':
        return json(newestFirst);
      case 'threads.add_user_message': {
        if (!stream) break;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            void stream((event) => controller.enqueue(encoder.encode(encodeSseData(event)))).then(
              () => controller.close(),
              (error: unknown) => controller.error(error),
            );
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      }
    }
    return new Response(JSON.stringify({ error: `the bench backend does not answer ${String(type)}` }), { status: 404 });
  };
}

/** The user message the streamed reply answers, as the server stores it. */
export function userMessage(text: string): ThreadItem {
  return {
    id: 'msg_bench_question',
    thread_id: THREAD_ID,
    created_at: new Date().toISOString(),
    type: 'user_message',
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}
