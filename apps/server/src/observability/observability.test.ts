import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectEvents } from '@chatwire/server/testing';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spawnApp } from '../test-support/built-app.js';
import { APP_START_TIMEOUT_MS, startApp, textInput } from '../test-support/app-harness.js';

/** One JSON log line: an object (its fields are what the test checks). */
const LogLine = z.record(z.string(), z.unknown());

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => mock.close());

describe('logs of the running app', () => {
  it('are JSON lines with a request id on every line of a request, and never carry message text, page content or tokens', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatwire-logs-'));
    try {
      const app = await spawnApp({
        CHATWIRE_DATA_DIR: dataDir,
        CHATWIRE_LOG_LEVEL: 'debug',
        OPENAI_BASE_URL: mock.baseURL,
        OPENAI_API_KEY: 'sk-proj-LOGS-KEY-0123456789',
        CHATWIRE_MODEL: 'mock-model',
      });
      await app.waitUntilReady();
      const token = await app.login('logs-user');
      const secretText = 'MESSAGE-TEXT-MARKER-7f3a';
      const pageText = 'PAGE-CONTENT-MARKER-91bc';
      const replyText = 'REPLY-TEXT-MARKER-c0de';
      mock.reply({ text: [`${replyText} `, 'done.'] });
      const ok = await app.chatkit(
        {
          type: 'threads.create',
          params: { input: textInput(`Please read ${secretText}`) },
          metadata: { pageContext: { title: pageText, selection: pageText } },
        },
        token,
      );
      await collectEvents(ok);
      // A failing model call and a refused request log too.
      mock.reply({ status: 500 });
      await collectEvents(await app.chatkit({ type: 'threads.create', params: { input: textInput(secretText) } }, token));
      await app.chatkit({ type: 'threads.get_by_id', params: { thread_id: secretText } }, token);
      await fetch(`${app.base}/chatkit`, {
        method: 'POST',
        headers: { 'X-Request-Id': 'trace-me-42', Authorization: `Bearer ${token}` },
        body: '{',
      });
      expect(await app.stop('SIGTERM')).toBe(0);

      const output = app.output();
      for (const secret of [secretText, pageText, replyText, token, 'sk-proj-LOGS-KEY-0123456789'])
        expect(output).not.toContain(secret);
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => LogLine.parse(JSON.parse(line)));
      const requests = lines.filter((line) => line.msg === 'request');
      expect(requests.length).toBeGreaterThanOrEqual(5);
      const processLines = new Set(['Shutting down', 'Stopped', 'Warmed up']);
      for (const line of lines) {
        expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), service: 'chatwire' });
        if (!processLines.has(String(line.msg))) expect(line, JSON.stringify(line)).toHaveProperty('requestId');
      }
      expect(requests).toContainEqual(expect.objectContaining({ requestId: 'trace-me-42', status: 400, path: '/chatkit' }));
      // The model failure was logged inside its request, with the user who made it.
      expect(lines.find((line) => line.msg === 'The model failed')).toMatchObject({
        userId: 'logs-user',
        requestId: expect.any(String),
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('OpenTelemetry spans', () => {
  it(
    'cover the request, the model call and the store statements, in one trace, once a tracer provider is registered',
    async () => {
      const exporter = new InMemorySpanExporter();
      const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      provider.register();
      try {
        const app = await startApp({ OPENAI_BASE_URL: mock.baseURL, CHATWIRE_MODEL: 'mock-model' });
        try {
          const token = await app.login('spans-user');
          exporter.reset();
          mock.reply({ text: ['Traced ', 'reply.'], usage: { input: 40, output: 9 } });
          await collectEvents(
            await app.chatkit({ type: 'threads.create', params: { input: textInput('trace this') } }, { token }),
          );
          await expect.poll(() => exporter.getFinishedSpans().some((span) => span.name === 'chatkit threads.create')).toBe(true);
        } finally {
          await app.close();
        }
        const spans = exporter.getFinishedSpans();
        const request = spans.find((span) => span.name === 'chatkit threads.create')!;
        const model = spans.find((span) => span.name === 'chat mock-model' && span.attributes['chatwire.stream'] === true);
        const inserts = spans.filter((span) => span.name === 'INSERT chatwire_items');
        expect(request.attributes['chatkit.request.type']).toBe('threads.create');
        expect(model?.attributes).toMatchObject({
          'gen_ai.request.model': 'mock-model',
          'gen_ai.usage.input_tokens': 40,
          'gen_ai.usage.output_tokens': 9,
        });
        expect(model?.status.code).not.toBe(SpanStatusCode.ERROR);
        expect(inserts.length).toBeGreaterThanOrEqual(2);
        expect(inserts[0]!.attributes).toMatchObject({ 'db.system.name': 'postgresql', 'db.operation.name': 'INSERT' });
        // Statements carry their text, never their values.
        expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('trace this');
        // The user message is written during dispatch: its statement is a child of the request span.
        const traceId = request.spanContext().traceId;
        expect(inserts.some((span) => span.spanContext().traceId === traceId)).toBe(true);
      } finally {
        await provider.shutdown();
      }
    },
    APP_START_TIMEOUT_MS,
  );
});
