import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { configVariables, unknownVariables } from './config-variables.js';
import { runAppToExit } from './test-support/built-app.js';

/**
 * One bad value for every variable the app reads. A variable someone adds to `loadConfig` shows up
 * in `configVariables()` by itself, and the first test below fails until it has its bad value here
 * (or is listed as free text, which takes any value).
 */
const BAD: Record<string, { value: string; extra?: Record<string, string> }> = {
  PORT: { value: 'eighty' },
  HOST: { value: 'http://example.com/' },
  CHATWIRE_DATA_DIR: { value: 'a\u0000b' },
  DATABASE_URL: { value: 'mysql://app:hunter2@db/chat' },
  OPENAI_BASE_URL: { value: 'localhost:11434' },
  CHATWIRE_MODEL_API: { value: 'anthropic', extra: { OPENAI_API_KEY: 'sk-test' } },
  AUTH_JWKS_URL: { value: 'http://id.example.com/jwks.json', extra: { AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' } },
  AUTH_ISSUER: { value: 'https://id.example.com/' },
  AUTH_AUDIENCE: { value: 'chatwire' },
  AUTH_ALGORITHMS: {
    value: 'HS256',
    extra: { AUTH_JWKS_URL: 'https://id.example.com/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' },
  },
  CHATWIRE_ALLOWED_ORIGINS: { value: 'https://app.example.com/path' },
  CHATWIRE_OFFLINE_WORD_DELAY_MS: { value: 'fast' },
  CHATWIRE_MAX_ATTACHMENT_BYTES: { value: '20MB' },
  CHATWIRE_MODELS: { value: 'gpt-4.1, rm -rf /' },
  CHATWIRE_MCP_SERVERS: { value: '[{"name":"notes","url":"http://127.0.0.1:9100/mcp","auth":"password"}]' },
  CHATWIRE_PUBLIC_URL: { value: 'chat.example.com' },
  CHATWIRE_RATE_LIMIT: { value: '-5' },
  CHATWIRE_MAX_STREAMS_PER_USER: { value: 'many' },
  CHATWIRE_MAX_MESSAGE_CHARS: { value: '0' },
  CHATWIRE_DAILY_TOKEN_BUDGET: { value: '1e6' },
  CHATWIRE_OPERATOR_TOKEN: { value: 'short' },
  CHATWIRE_SHUTDOWN_GRACE_MS: { value: '10s' },
  CHATWIRE_LOG_LEVEL: { value: 'verbose' },
  CHATWIRE_ON_DISCONNECT: { value: 'keep' },
  CHATWIRE_REDIS_URL: { value: 'http://127.0.0.1:6379' },
  CHATWIRE_RUN_LEASE_MS: { value: '100' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { value: 'collector:4318' },
  CHATWIRE_DEMO_TOOLS: { value: 'yes' },
};
/** Any value of these is a valid setting. */
const FREE_TEXT = new Set(['OPENAI_API_KEY', 'CHATWIRE_MODEL']);

describe('every variable the app reads', () => {
  it('has a bad value that stops loadConfig with a ConfigError naming it, in one line that does not repeat a secret', () => {
    const names = [...configVariables()].filter((name) => !FREE_TEXT.has(name)).sort();
    expect(names).toEqual(Object.keys(BAD).sort());
    for (const [name, { value, extra = {} }] of Object.entries(BAD)) {
      let error: unknown;
      try {
        loadConfig({ ...extra, [name]: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, name).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable, name).toBe(name);
      expect((error as ConfigError).message, name).toMatch(new RegExp(`^${name}: \\S`));
      expect((error as ConfigError).message, name).not.toContain('\n');
      expect((error as ConfigError).message, name).not.toContain('hunter2');
    }
  });

  it('reads unset and empty values as the documented defaults', () => {
    const config = loadConfig({ CHATWIRE_RATE_LIMIT: '', CHATWIRE_LOG_LEVEL: ' ' });
    expect(config).toMatchObject({
      rateLimit: 120,
      maxStreamsPerUser: 3,
      maxMessageChars: 32_000,
      dailyTokenBudget: 0,
      shutdownGraceMs: 10_000,
      logLevel: 'info',
    });
    expect(config.publicUrl).toBeUndefined();
    expect(loadConfig({ CHATWIRE_PUBLIC_URL: 'https://chat.example.com/assistant/' }).publicUrl).toBe(
      'https://chat.example.com/assistant',
    );
  });

  it('names a likely typo of a variable, and leaves alone the ones the examples read', () => {
    expect(unknownVariables({ CHATWIRE_RATE_LIMT: '5', AUTH_ISUER: 'x', CHATWIRE_UPSTREAM: 'http://x', PATH: '/bin' })).toEqual([
      { name: 'AUTH_ISUER', suggestion: 'AUTH_ISSUER' },
      { name: 'CHATWIRE_RATE_LIMT', suggestion: 'CHATWIRE_RATE_LIMIT' },
    ]);
  });
});

describe('the built app started with a bad variable', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatwire-config-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  // One of each kind of value: a number, a choice, a URL, a secret, a combination of variables.
  it.each([
    [
      'CHATWIRE_RATE_LIMIT',
      { CHATWIRE_RATE_LIMIT: 'lots' },
      'CHATWIRE_RATE_LIMIT: expected a whole number of requests per minute from 0 to 1000000, got "lots"',
    ],
    [
      'CHATWIRE_LOG_LEVEL',
      { CHATWIRE_LOG_LEVEL: 'verbose' },
      'CHATWIRE_LOG_LEVEL: must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent", not "verbose"',
    ],
    [
      'CHATWIRE_PUBLIC_URL',
      { CHATWIRE_PUBLIC_URL: 'https://chat.example.com/?x=1' },
      'CHATWIRE_PUBLIC_URL: must not have a query or a fragment',
    ],
    [
      'CHATWIRE_OPERATOR_TOKEN',
      { CHATWIRE_OPERATOR_TOKEN: 'secret-but-short' },
      'CHATWIRE_OPERATOR_TOKEN: must be at least 32 characters long (try: openssl rand -hex 32)',
    ],
    [
      'AUTH_ISSUER',
      { AUTH_ISSUER: 'https://id.example.com/' },
      'AUTH_ISSUER: is set but AUTH_JWKS_URL is not; set AUTH_JWKS_URL to turn production auth on',
    ],
    [
      'CHATWIRE_MCP_SERVERS',
      { CHATWIRE_MCP_SERVERS: '[{"name":"notes","url":"http://127.0.0.1:9100/mcp"' },
      'CHATWIRE_MCP_SERVERS: the value is not JSON; expected an array of servers such as [{"name":"notes","url":"http://127.0.0.1:9100/mcp"}]',
    ],
    ['PORT', { PORT: '70000' }, 'PORT: expected a port number from 0 to 65535, got "70000"'],
  ])('%s: one line naming it, exit code 2, nothing started', async (_name, env, message) => {
    const { code, output } = await runAppToExit({ CHATWIRE_DATA_DIR: dataDir, ...env });
    expect(output).toBe(`Invalid configuration: ${message}\n`);
    expect(code).toBe(2);
  });
});
