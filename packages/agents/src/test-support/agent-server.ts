import type {
  Action,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import { ChatKitServer, MemoryStore, silentLogger, type ResponseRun, type StoreItemType } from '@chatwire/server';
import { collectEvents } from '@chatwire/server/testing';
import type { MockOpenAI } from '@chatwire/test-support/mock-openai';
import { AgentResponder, type AgentResponderOptions } from '../agent-responder.js';
import { createModel, type ModelApi, type ResolvedModel } from '../model-config.js';

/** A request context shaped like `@chatwire/auth`'s, plus secrets an app might keep in it. */
export interface TestContext {
  userId: string;
  user?: { name?: string; email?: string };
  page?: Record<string, unknown>;
  locale?: string;
  token?: string;
  cookie?: string;
}

/** A key that must never show up in anything sent as model input. */
export const TEST_API_KEY = 'sk-test-SECRET-api-key-0123456789';
export const FIXED_NOW = new Date('2025-01-02T03:04:05.000Z');
export const FIXED_TIME = FIXED_NOW.toISOString();

/** A MemoryStore whose ids count up (`message_3`), so event sequences can be compared exactly. */
export class CountingStore extends MemoryStore<TestContext> {
  private next = 0;

  override generateThreadId(): string {
    this.next += 1;
    return `thread_${this.next}`;
  }

  override generateItemId(itemType: StoreItemType, _thread: ThreadMetadata, _context: TestContext): string {
    this.next += 1;
    return `${itemType}_${this.next}`;
  }
}

/** A real `ChatKitServer` answering with an `AgentResponder`. */
export class AgentTestServer extends ChatKitServer<TestContext> {
  readonly responder: AgentResponder<TestContext>;

  constructor(options: Omit<AgentResponderOptions<TestContext>, 'store'>) {
    const store = new CountingStore();
    super(store, undefined, { logger: silentLogger, now: () => FIXED_TIME });
    this.responder = new AgentResponder({ now: () => FIXED_NOW, titles: false, ...options, store });
  }

  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: TestContext,
    run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent> {
    return this.responder.respond(thread, input, context, run);
  }

  override action(thread: ThreadMetadata, action: Action, sender: WidgetItem | null, context: TestContext, run: ResponseRun) {
    return this.responder.respondToAction(thread, action, sender, context, run);
  }
}

/** The mock as a model for `api`, with no retries and a short timeout so failures show at once. */
export function mockModel(mock: MockOpenAI, api: ModelApi, timeoutMs = 5_000): ResolvedModel {
  return createModel(
    { kind: 'openai', api, model: 'mock-model', apiKey: TEST_API_KEY, baseURL: mock.baseURL },
    { maxRetries: 0, timeoutMs },
  );
}

export function textInput(text: string, extra: Partial<UserMessageInput> = {}): UserMessageInput {
  return { content: [{ type: 'input_text', text }], attachments: [], inference_options: {}, ...extra };
}

export const ALICE: TestContext = { userId: 'alice' };

/** Helpers that send requests through `process()` and check every event against the protocol. */
export function serverHelpers(server: AgentTestServer) {
  const send = async (type: string, params: unknown, context: TestContext = ALICE): Promise<ThreadStreamEvent[]> =>
    collectEvents(await server.process(JSON.stringify({ type, params }), context));
  return {
    send,
    /** `threads.create`; returns the thread id and the events after `stream_options`. */
    async create(text: string, context: TestContext = ALICE, extra: Partial<UserMessageInput> = {}) {
      const events = await send('threads.create', { input: textInput(text, extra) }, context);
      const created = events[0];
      if (created?.type !== 'thread.created') throw new Error(`threads.create began with ${created?.type}`);
      return { threadId: created.thread.id, events: afterStreamOptions(events) };
    },
    async add(threadId: string, text: string, context: TestContext = ALICE, extra: Partial<UserMessageInput> = {}) {
      return afterStreamOptions(
        await send('threads.add_user_message', { thread_id: threadId, input: textInput(text, extra) }, context),
      );
    },
  };
}

/** The responder's part of a stream: everything after `stream_options`. */
export function afterStreamOptions(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
  const index = events.findIndex((event) => event.type === 'stream_options');
  if (index === -1) throw new Error(`No stream_options in ${JSON.stringify(events.map((event) => event.type))}`);
  return events.slice(index + 1);
}
