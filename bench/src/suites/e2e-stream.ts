import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockOpenAI } from '@chatwire/test-support/mock-openai';
import { startChatwire } from '../e2e/chatwire-app.js';
import { startChildServer, type ChildServer } from '../e2e/child-server.js';
import { timeStream, type StreamResult } from '../e2e/stream-client.js';
import { makeRow, NOTES, withLimit, type BenchOptions, type BenchRow } from '../report.js';
import { deltaText } from './reply.js';

/**
 * One stream end to end: the app's own process (production auth with a JWKS, the agents SDK with
 * the OpenAI client, PGlite), its model the mock OpenAI server streaming `STREAM_DELTAS` Chat
 * Completions deltas over loopback at full speed, read by a plain `node:http` client: deltas/s
 * and time to first delta, against a raw relay (a plain `node:http` server that `fetch`es the same
 * mock stream and re-emits each delta as an SSE frame) and a raw replay of the app's own bytes.
 * The peers on the same token script: a Vercel AI SDK route and `chatkit-node-backend-sdk` (a
 * peer that does not start is left out, with a note). All are child processes; the mock and the
 * client share this one. Each run is one stream of each, in rotating order. Targets: the app ≥
 * 0.6× the relay's deltas/s, its first delta within 1.5× the relay's, ≥ 3× the AI SDK route's.
 */

const SUITE = 'e2e-stream';
export const STREAM_DELTAS = 2_000;
const DELTA_MARK = 'content_part.text_delta';
// Compiled peers, from the sources (vitest) as from `dist/` (npm run bench).
const PEERS = fileURLToPath(new URL('../../dist/peers/', import.meta.url));

const CREATE_BODY = JSON.stringify({
  type: 'threads.create',
  params: {
    input: { content: [{ type: 'input_text', text: 'Write me a long answer.' }], attachments: [], inference_options: {} },
  },
});

type Side = 'app' | 'relay' | 'replay' | 'aiSdk' | 'chatkitNode';

/** A peer's server, or undefined (with a note saying why) when it does not start here. */
async function startPeer(script: string, env: Record<string, string>, servers: ChildServer[]): Promise<ChildServer | undefined> {
  try {
    const server = await startChildServer(join(PEERS, script), env);
    servers.push(server);
    return server;
  } catch (error) {
    NOTES.push(`${SUITE}: the peer ${script} did not start, so it was not measured: ${String(error).slice(0, 500)}`);
    return undefined;
  }
}

export async function e2eStreamBench({ deltas, runs, warmup }: BenchOptions): Promise<BenchRow[]> {
  const count = Math.min(deltas, STREAM_DELTAS);
  const text = Array.from({ length: count }, (_, i) => deltaText(i));
  const mock = await startMockOpenAI();
  const servers: ChildServer[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'chatwire-bench-replay-'));
  const app = await startChatwire(mock.baseURL);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    const token = await app.token('bench-e2e');
    const relay = await startChildServer(join(PEERS, 'raw-relay.js'), { MODEL_BASE_URL: mock.baseURL });
    servers.push(relay);
    const viaApp = (keep = false) => {
      mock.reply({ text });
      return timeStream(`${app.server.base}/chatkit`, CREATE_BODY, DELTA_MARK, {
        headers: { authorization: `Bearer ${token}` },
        agent,
        keep,
      });
    };
    // The replay sends exactly the bytes the app sent for this script.
    const recorded = await viaApp(true);
    const replayFile = join(dir, 'app-stream.sse');
    await writeFile(replayFile, recorded.body!);
    const replay = await startChildServer(join(PEERS, 'raw-replay.js'), { REPLAY_FILE: replayFile });
    servers.push(replay);

    const peerEnv = { MODEL_BASE_URL: mock.baseURL, OPENAI_BASE_URL: mock.baseURL, OPENAI_API_KEY: 'bench-key' };
    const aiSdk = await startPeer('ai-sdk-route.js', peerEnv, servers);
    const chatkitNode = await startPeer('chatkit-node-sdk.js', peerEnv, servers);

    const sides: Record<Side, (() => Promise<StreamResult>) | undefined> = {
      app: () => viaApp(),
      relay: () => {
        mock.reply({ text });
        return timeStream(`${relay.base}/`, '{}', DELTA_MARK, { agent });
      },
      replay: () => timeStream(`${replay.base}/`, '{}', DELTA_MARK, { agent }),
      aiSdk:
        aiSdk &&
        (() => {
          mock.reply({ text });
          return timeStream(`${aiSdk.base}/`, '{}', '"text-delta"', { agent });
        }),
      chatkitNode:
        chatkitNode &&
        (() => {
          mock.reply({ text });
          return timeStream(`${chatkitNode.base}/`, CREATE_BODY, DELTA_MARK, { agent });
        }),
    };
    const names = (Object.keys(sides) as Side[]).filter((name) => sides[name] !== undefined);
    const rate: Record<Side, number[]> = { app: [], relay: [], replay: [], aiSdk: [], chatkitNode: [] };
    const first: Record<Side, number[]> = { app: [], relay: [], replay: [], aiSdk: [], chatkitNode: [] };
    for (let i = 0; i < warmup; i++) for (const name of names) await sides[name]!();
    for (let r = 0; r < runs; r++) {
      // Rotate who goes first, so drift over the runs lands on every side.
      const shift = r % names.length;
      for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
        const result = await sides[name]!();
        if (result.deltas !== count) throw new Error(`${name} sent ${result.deltas} deltas, not ${count}`);
        rate[name].push(count / (result.totalMs / 1000));
        first[name].push(result.firstDeltaMs);
      }
    }

    const row = (name: string, unit: string, samples: number[], baseline?: BenchRow, target?: number) =>
      makeRow({ suite: SUITE, name, unit, samples }, baseline, target);
    const relayRate = row(`raw relay (node:http + fetch), ${count} deltas`, 'deltas/s', rate.relay);
    const relayFirst = row('raw relay: request → first delta', 'ms', first.relay);
    const rows = [
      relayRate,
      row('raw replay of the app’s bytes', 'deltas/s', rate.replay, relayRate),
      row('Chatwire app (prod auth, agents SDK, PGlite)', 'deltas/s', rate.app, relayRate, 0.6),
      relayFirst,
      row('raw replay: request → first delta', 'ms', first.replay, relayFirst),
      withLimit(row('Chatwire app: request → first delta', 'ms', first.app, relayFirst), relayFirst.value * 1.5),
    ];
    if (aiSdk) {
      const peer = row('peer: Vercel AI SDK 5 route (streamText → toUIMessageStreamResponse)', 'deltas/s', rate.aiSdk);
      rows.push(
        peer,
        row('peer: AI SDK route: request → first delta', 'ms', first.aiSdk),
        row('Chatwire app against the AI SDK route', 'deltas/s', rate.app, peer, 3),
      );
    }
    if (chatkitNode) {
      const peer = row('peer: chatkit-node-backend-sdk (in-memory store, Responses API)', 'deltas/s', rate.chatkitNode);
      rows.push(
        peer,
        row('peer: chatkit-node-backend-sdk: request → first delta', 'ms', first.chatkitNode),
        row('Chatwire app against chatkit-node-backend-sdk', 'deltas/s', rate.app, peer),
      );
    }
    return rows;
  } finally {
    agent.destroy();
    for (const server of servers) await server.stop();
    await app.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
}
