import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, run, setOpenAIAPI, setTracingDisabled } from '@openai/agents';
import {
  agents,
  ChatKitServer,
  Store,
  StoreNotFoundError,
  type Attachment,
  type Page,
  type ThreadItem,
  type ThreadMetadata,
  type UserMessageItem,
} from 'chatkit-node-backend-sdk';

/**
 * A peer: `chatkit-node-backend-sdk` (a community port of ChatKit's Python server) as its README
 * sets it up: a `ChatKitServer` whose `respond` runs an `@openai/agents` agent (its own pinned
 * 0.3 copy) and streams it with `agents.streamAgentResponse`, on an in-memory store, the model at
 * `OPENAI_BASE_URL` (read by the OpenAI client the SDK makes) over the Responses API, served by
 * `node:http`. No auth. Prints `listening on <url>`.
 */

setTracingDisabled(true);
// Its stream converter reads Responses API events only: over Chat Completions it streams no text.
setOpenAIAPI('responses');

interface Context {
  userId: string;
}

class MemoryStore extends Store<Context> {
  private readonly threads = new Map<string, ThreadMetadata>();
  private readonly items = new Map<string, ThreadItem[]>();

  async loadThread(threadId: string): Promise<ThreadMetadata> {
    const thread = this.threads.get(threadId);
    if (!thread) throw new StoreNotFoundError(`Thread ${threadId} not found`);
    return thread;
  }
  async saveThread(thread: ThreadMetadata): Promise<void> {
    this.threads.set(thread.id, thread);
  }
  async deleteThread(threadId: string): Promise<void> {
    this.threads.delete(threadId);
    this.items.delete(threadId);
  }
  async loadThreads(): Promise<Page<ThreadMetadata>> {
    return { data: [...this.threads.values()], has_more: false, after: null };
  }
  async loadThreadItems(
    threadId: string,
    _after: string | null,
    limit: number,
    order: 'asc' | 'desc',
  ): Promise<Page<ThreadItem>> {
    const all = this.items.get(threadId) ?? [];
    const ordered = order === 'asc' ? all : [...all].reverse();
    return { data: ordered.slice(0, limit), has_more: ordered.length > limit, after: null };
  }
  async addThreadItem(threadId: string, item: ThreadItem): Promise<void> {
    const list = this.items.get(threadId) ?? [];
    list.push(item);
    this.items.set(threadId, list);
  }
  async saveItem(threadId: string, item: ThreadItem): Promise<void> {
    const list = this.items.get(threadId) ?? [];
    const at = list.findIndex((existing) => existing.id === item.id);
    if (at === -1) list.push(item);
    else list[at] = item;
    this.items.set(threadId, list);
  }
  async loadItem(threadId: string, itemId: string): Promise<ThreadItem> {
    const item = this.items.get(threadId)?.find((existing) => existing.id === itemId);
    if (!item) throw new StoreNotFoundError(`Item ${itemId} not found`);
    return item;
  }
  async deleteThreadItem(threadId: string, itemId: string): Promise<void> {
    this.items.set(
      threadId,
      (this.items.get(threadId) ?? []).filter((item) => item.id !== itemId),
    );
  }
  async saveAttachment(): Promise<void> {}
  async loadAttachment(attachmentId: string): Promise<Attachment> {
    throw new StoreNotFoundError(`Attachment ${attachmentId} not found`);
  }
  async deleteAttachment(): Promise<void> {}
}

const agent = new Agent({ name: 'Assistant', instructions: 'You are a helpful assistant.', model: 'mock-model' });

class PeerServer extends ChatKitServer<Context> {
  async *respond(thread: ThreadMetadata, input: UserMessageItem | null, context: Context) {
    if (!input) return;
    const agentContext = agents.createAgentContext(thread, this.store, context);
    const stream = await run(agent, await agents.simpleToAgentInput(input), { stream: true, context: agentContext });
    yield* agents.streamAgentResponse(agentContext, stream);
  }
}

const chatkit = new PeerServer(new MemoryStore());

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    void (async () => {
      const result = await chatkit.process(Buffer.concat(parts), { userId: 'bench' });
      if (!result.isStreaming) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(result.toJSON()));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for await (const chunk of result) res.write(chunk);
      res.end();
    })().catch(() => res.destroy());
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
