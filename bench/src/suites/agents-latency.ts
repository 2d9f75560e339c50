import { once } from 'node:events';
import { Agent as HttpAgent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ThreadMetadata, ThreadStreamEvent, UserMessageItem } from '@chatwire/protocol';
import { AgentResponder, createDefaultAssistant, createModel } from '@chatwire/agents';
import { ChatKitServer, MemoryStore, silentLogger, type ResponseRun } from '@chatwire/server';
import { createNodeListener } from '@chatwire/server/node';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { makeRow, median, type BenchOptions, type BenchRow } from '../report.js';

/**
 * How long a model's text takes to get through the app: from the mock model's first byte on
 * loopback to the first SSE text delta the app sends (agents SDK with the real OpenAI client,
 * event conversion, the event pipeline, `createNodeListener`, a plain `node:http` client), against
 * the same mock read directly by a plain HTTP client (first byte → first delta parsed). Each run
 * times `REPLIES_PER_RUN` replies one after another; a run's figure is their median (or p99).
 * Warmup runs are a tenth as long: the JIT settles within a few dozen replies.
 */

const SUITE = 'agents-latency';
const REPLIES_PER_RUN = 200;
const REPLY = { text: ['Hello', ' from', ' the', ' mock', ' model.'] };
const CONTEXT = { userId: 'bench_user' };
const DELTA_MARK = '"assistant_message.content_part.text_delta"';

interface BenchContext {
  userId: string;
}

class AgentBenchServer extends ChatKitServer<BenchContext> {
  private readonly responder: AgentResponder<BenchContext>;

  constructor(mock: MockOpenAI) {
    const store = new MemoryStore<BenchContext>();
    super(store, undefined, { logger: silentLogger });
    const model = createModel(
      { kind: 'openai', api: 'responses', model: 'mock-model', apiKey: 'bench-key', baseURL: mock.baseURL },
      { maxRetries: 0 },
    );
    this.responder = new AgentResponder({ agent: createDefaultAssistant(), store, model, titles: false });
  }

  respond(
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: BenchContext,
    run: ResponseRun,
  ): AsyncIterable<ThreadStreamEvent> {
    return this.responder.respond(thread, input, context, run);
  }
}

const CREATE_BODY = JSON.stringify({
  type: 'threads.create',
  params: { input: { content: [{ type: 'input_text', text: 'Say hello.' }], attachments: [], inference_options: {} } },
});
const MODEL_BODY = JSON.stringify({ model: 'mock-model', input: 'Say hello.', stream: true });

/**
 * POSTs `body` and resolves with `performance.now()` when a chunk holding `mark` arrives, after
 * reading the whole response (so the connection is free for the next reply).
 */
function timeFirst(port: number, path: string, body: string, mark: string, agent: HttpAgent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path} answered HTTP ${res.statusCode}`));
        let seen: number | undefined;
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (seen !== undefined) return;
          // A mark may straddle two chunks: keep the end of the previous one.
          const text = tail + chunk;
          if (text.includes(mark)) seen = performance.now();
          else tail = text.slice(-mark.length);
        });
        res.on('end', () => (seen === undefined ? reject(new Error(`${path} sent no ${mark}`)) : resolve(seen)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function p99(sorted: Float64Array): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
}

export async function agentsLatencyBench({ runs, warmup }: BenchOptions): Promise<BenchRow[]> {
  const mock = await startMockOpenAI();
  const mockPort = Number(new URL(mock.baseURL).port);
  const app = createServer(createNodeListener((req) => new AgentBenchServer(mock).handle(req, CONTEXT)));
  const appPort = await listen(app);
  const appAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const directAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });

  /** One reply: the ms from the mock's first byte to the first delta seen by the client. */
  const viaApp = async () => {
    mock.reply(REPLY);
    const seen = await timeFirst(appPort, '/chatkit', CREATE_BODY, DELTA_MARK, appAgent);
    return seen - firstByte(mock);
  };
  const direct = async () => {
    mock.reply(REPLY);
    const seen = await timeFirst(mockPort, '/v1/responses', MODEL_BODY, '"response.output_text.delta"', directAgent);
    return seen - firstByte(mock);
  };
  const timedRun = async (reply: () => Promise<number>, count = REPLIES_PER_RUN) => {
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = await reply();
    times.sort();
    return { median: median([...times]), p99: p99(times) };
  };

  try {
    for (let i = 0; i < warmup; i++) {
      await timedRun(direct, REPLIES_PER_RUN / 10);
      await timedRun(viaApp, REPLIES_PER_RUN / 10);
    }
    const figures = {
      directMedian: [] as number[],
      directP99: [] as number[],
      appMedian: [] as number[],
      appP99: [] as number[],
    };
    for (let r = 0; r < runs; r++) {
      // Alternate who goes first, so drift over the runs does not land on one side only.
      const order = r % 2 === 0 ? (['direct', 'app'] as const) : (['app', 'direct'] as const);
      for (const side of order) {
        const { median: m, p99: p } = await timedRun(side === 'direct' ? direct : viaApp);
        (side === 'direct' ? figures.directMedian : figures.appMedian).push(m);
        (side === 'direct' ? figures.directP99 : figures.appP99).push(p);
      }
    }
    const unit = 'ms';
    const directMedian = makeRow({
      suite: SUITE,
      name: 'mock read directly: first byte → first delta, median',
      unit,
      samples: figures.directMedian,
    });
    const directP99 = makeRow({
      suite: SUITE,
      name: 'mock read directly: first byte → first delta, p99',
      unit,
      samples: figures.directP99,
    });
    return [
      directMedian,
      directP99,
      makeRow(
        {
          suite: SUITE,
          name: 'through the app over HTTP: mock first byte → first SSE delta, median',
          unit,
          samples: figures.appMedian,
        },
        directMedian,
      ),
      makeRow(
        {
          suite: SUITE,
          name: 'through the app over HTTP: mock first byte → first SSE delta, p99',
          unit,
          samples: figures.appP99,
        },
        directP99,
      ),
    ];
  } finally {
    appAgent.destroy();
    directAgent.destroy();
    app.closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    await mock.close();
  }
}

function firstByte(mock: MockOpenAI): number {
  const last = mock.requests.at(-1);
  if (last?.firstByteAt === undefined) throw new Error('The mock sent no body');
  return last.firstByteAt;
}
