/**
 * A small app written the way a user would write one against the published packages. The
 * packed-install test copies it into a scratch project outside the workspace, where every
 * `@chatwire/*` import resolves to an installed tarball, then typechecks, compiles and runs it.
 *
 * `POST /echo` is a `ChatKitServer` on `MemoryStore`; `POST /assistant` answers with the agents
 * package's offline model on a `PostgresStore` over in-memory PGlite. Both need a session token
 * from the development identity provider. On start it prints one JSON line: `{ url, token }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentResponder, createDefaultAssistant, createModel } from '@chatwire/agents';
import {
  authenticateRequest,
  authErrorResponse,
  AuthRequestError,
  buildRequestContext,
  loadDevIdentity,
  type RequestContext,
} from '@chatwire/auth';
import type { ChatState } from '@chatwire/client';
import { migrate, PostgresStore } from '@chatwire/postgres';
import { createPgliteClient } from '@chatwire/postgres/pglite';
import type {
  Action,
  AssistantMessageItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import { ChatKitServer, MemoryStore, type ResponseRun } from '@chatwire/server';
import { createNodeListener } from '@chatwire/server/node';

class EchoServer extends ChatKitServer<RequestContext> {
  async *respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: RequestContext,
    _run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent> {
    const text = input?.content.map((part) => part.text).join('') ?? '';
    const item: AssistantMessageItem = {
      type: 'assistant_message',
      id: this.store.generateItemId('message', thread, context),
      thread_id: thread.id,
      created_at: this.now(),
      content: [{ type: 'output_text', text: `You said: ${text}`, annotations: [] }],
    };
    yield { type: 'thread.item.done', item };
  }
}

class AssistantServer extends ChatKitServer<RequestContext> {
  private readonly responder = new AgentResponder<RequestContext>({
    agent: createDefaultAssistant(),
    store: this.store,
    model: createModel({ kind: 'offline' }, { offline: { wordDelayMs: 0 } }),
  });

  respond(thread: ThreadMetadata, input: UserMessageItem | null, context: RequestContext, run: ResponseRun) {
    return this.responder.respond(thread, input, context, run);
  }

  override action(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, context: RequestContext, run: ResponseRun) {
    return this.responder.respondToAction(thread, action, sender, context, run);
  }
}

/** A client-side type, to check that the client package's declarations resolve from its tarball. */
export type ThreadsShown = ChatState['threads'];

const dataDir = process.env.PACKED_APP_DATA_DIR ?? '.data';
const identity = await loadDevIdentity({ dataDir, origin: 'http://127.0.0.1' });
const database = await createPgliteClient();
await migrate(database);
const servers: Record<string, ChatKitServer<RequestContext>> = {
  '/echo': new EchoServer(new MemoryStore<RequestContext>()),
  '/assistant': new AssistantServer(new PostgresStore<RequestContext>(database)),
};

const listener = createNodeListener(async (request) => {
  const server = servers[new URL(request.url).pathname];
  if (!server || request.method !== 'POST') return new Response('Not found', { status: 404 });
  try {
    const caller = await authenticateRequest(request, { verifier: identity.verifier });
    return await server.handle(request, buildRequestContext({ identity: caller }));
  } catch (error) {
    if (error instanceof AuthRequestError) return authErrorResponse(error);
    throw error;
  }
});

const http = createServer(listener);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
const token = await identity.signSession({ userId: 'alice', name: 'Alice' });
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, token })}\n`);

process.once('SIGTERM', () => {
  http.close();
  http.closeAllConnections();
  void database.close();
});
