import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The floor for a relay: a plain `node:http` server that, for any POST, reads the model's stream
 * with `fetch` (Chat Completions at `MODEL_BASE_URL`) and re-emits each text delta as one SSE
 * frame shaped like ChatKit's text delta event. No auth, no store, no SDK: what any server that
 * streams a model's answer must at least do. Prints `listening on <url>`.
 */

const modelBaseURL = process.env.MODEL_BASE_URL ?? '';
const ITEM_ID = 'msg_relay';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    void relay(res).catch(() => res.destroy());
  });
});

async function relay(res: ServerResponse): Promise<void> {
  const model = await fetch(`${modelBaseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'Hello' }], stream: true }),
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = model.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      end = buffered.indexOf('\n\n');
      if (!frame.startsWith('data: ') || frame === 'data: [DONE]') continue;
      const chunk = JSON.parse(frame.slice(6)) as { choices?: { delta?: { content?: string } }[] };
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta !== 'string' || delta === '') continue;
      const event = {
        type: 'thread.item.updated',
        item_id: ITEM_ID,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
      };
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    }
  }
  res.end();
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
