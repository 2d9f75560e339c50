import { createModel } from '@chatwire/agents';
import type { PostgresStore } from '@chatwire/postgres';
import { createChatKitHandler, silentLogger, type AttachmentStore, type Logger } from '@chatwire/server';
import { createAssistant } from './assistant.js';
import type { AppAuth } from './auth/app-auth.js';
import type { AppContext } from './context.js';

/** A user id no sign-in hands out by accident; its one thread is deleted again at once. */
const WARM_UP_USER = '__chatwire_warm_up__';

const PAGE = {
  title: 'Warm-up',
  description: 'A page the app answers a question about before it reports ready.',
  headings: ['Getting started', 'Configuration'],
};

export interface WarmUpDeps {
  store: PostgresStore<AppContext>;
  attachments: AttachmentStore<AppContext>;
  auth: AppAuth;
  /** The app's own `fetch`: a read through it warms routing, sign-in and the access log too (development sign-in only). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  logger: Logger;
}

/**
 * One reply before the app reports ready, so that the first user's is not the one that pays for
 * cold code: a `threads.create` (parsing, the pipeline, the agents SDK, SSE, every statement the
 * store runs), a read and a list, then the thread deleted. The reply comes from a handler built
 * like the app's over the same store, answering with the offline model at full speed whatever
 * model is configured: a warm-up must cost no tokens and cannot wait on a remote endpoint or a
 * demo's pace. A list through the app's own `fetch` warms routing and sign-in. It leaves nothing
 * behind; a failure is logged and changes nothing else.
 */
export async function warmUp({ store, attachments, auth, fetch, logger }: WarmUpDeps): Promise<void> {
  const started = performance.now();
  const context: AppContext = { userId: WARM_UP_USER, user: { name: 'Warm-up' }, page: PAGE };
  try {
    const send = throughHandler(store, attachments, context);
    const input = { content: [{ type: 'input_text', text: 'How do I get started?' }], attachments: [], inference_options: {} };
    const reply = await send({ type: 'threads.create', params: { input } });
    const threadId = /"type":"thread\.created","thread":\{"id":"([^"]+)"/.exec(reply)?.[1];
    if (threadId === undefined) throw new Error(`the warm-up reply did not create a thread: ${reply.slice(0, 200)}`);
    await send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    await send({ type: 'threads.list', params: {} });
    if (fetch && auth.mode === 'development') await (await throughApp(fetch, auth))({ type: 'threads.list', params: {} });
    await store.deleteThread(threadId, context);
    logger.info('Warmed up', { ms: Math.round(performance.now() - started) });
  } catch (error) {
    logger.warn('Warming up failed; the first request may be slow', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

type Send = (body: Record<string, unknown>) => Promise<string>;

async function throughApp(fetch: (request: Request) => Promise<Response>, auth: AppAuth): Promise<Send> {
  const token = await (await auth.signer()).signSession({ userId: WARM_UP_USER });
  return async (body) => {
    const request = new Request('http://127.0.0.1/chatkit', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, metadata: { pageContext: PAGE } }),
    });
    return (await fetch(request)).text();
  };
}

function throughHandler(store: PostgresStore<AppContext>, attachments: AttachmentStore<AppContext>, context: AppContext): Send {
  const model = createModel({ kind: 'offline' }, { offline: { wordDelayMs: 0 } });
  const handler = createChatKitHandler<AppContext>({
    ...createAssistant(store, { model, logger: silentLogger }),
    store,
    attachmentStore: attachments,
    logger: silentLogger,
  });
  return async (body) => {
    const request = new Request('http://warm-up.invalid/chatkit', { method: 'POST', body: JSON.stringify(body) });
    return (await handler.handle(request, context)).text();
  };
}
