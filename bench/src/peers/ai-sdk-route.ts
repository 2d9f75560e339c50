import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { writeWebResponse } from './write-web-response.js';

/**
 * A peer: the chat route a team writes with the Vercel AI SDK (`ai` 5, the last major that runs
 * on Node 20): `streamText` on an OpenAI-compatible Chat Completions provider at
 * `MODEL_BASE_URL`, answered with `toUIMessageStreamResponse()` (SSE, one `text-delta` frame per
 * delta), served by `node:http`. No auth and no store: less work than Chatwire does. Prints
 * `listening on <url>`.
 */

const provider = createOpenAI({ baseURL: process.env.MODEL_BASE_URL ?? '', apiKey: 'bench-key' });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const result = streamText({ model: provider.chat('mock-model'), prompt: 'Write me a long answer.' });
    void writeWebResponse(res, result.toUIMessageStreamResponse()).catch(() => res.destroy());
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
