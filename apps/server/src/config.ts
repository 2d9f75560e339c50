/**
 * The app's configuration, read once from the environment at startup. Each variable is one
 * entry below: a name, a parser and a default. A value that does not parse stops startup with
 * a `ConfigError` naming the variable (main.ts prints it and exits with code 2).
 */

import { resolve } from 'node:path';
import { McpServerList, ModelConfigError, modelConfigFromEnv, type McpServerConfig, type ModelConfig } from '@chatwire/agents';
import { DEFAULT_ALGORITHMS, type AsymmetricAlgorithm } from '@chatwire/auth';
import { parseAlgorithms, parseAllowedOrigins, parseClaimValue, parseJwksUrl, type AuthConfig } from './auth/auth-config.js';
import { httpUrl, oneOf, redisUrl, secret, wholeNumber } from './config-values.js';

/** `CHATWIRE_MAX_ATTACHMENT_BYTES` when unset: 20 MB. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * `CHATWIRE_RATE_LIMIT` when unset: 120 requests a minute per user. A person using the chat sends
 * a few a minute (a message, a thread opened, a list paged); a script is held to two a second.
 */
export const DEFAULT_RATE_LIMIT = 120;

/** `CHATWIRE_MAX_STREAMS_PER_USER` when unset: a few tabs, each answering at once. */
export const DEFAULT_MAX_STREAMS_PER_USER = 3;

/** `CHATWIRE_MAX_MESSAGE_CHARS` when unset: a long paste (about 8,000 tokens), well inside the model's input budget. */
export const DEFAULT_MAX_MESSAGE_CHARS = 32_000;

/** `CHATWIRE_SHUTDOWN_GRACE_MS` when unset: most replies finish; an orchestrator's usual 30 s still leaves room. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** `CHATWIRE_RUN_LEASE_MS` when unset: a reply whose instance died is closed by another within 10 s. */
export const DEFAULT_RUN_LEASE_MS = 10_000;

export const DISCONNECT_POLICIES = ['cancel', 'continue'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** `CHATWIRE_DATA_DIR`: embedded database, attachment bytes, development keys (absolute). */
  dataDir: string;
  /** `AUTH_*` and `CHATWIRE_ALLOWED_ORIGINS`. */
  auth: AuthConfig;
  /** `DATABASE_URL`: a Postgres server to keep data in; unset, PGlite under `dataDir` does. */
  databaseUrl?: string | undefined;
  /**
   * `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `CHATWIRE_MODEL`, `CHATWIRE_MODEL_API`: the model that
   * answers. Neither key nor URL set: the built-in offline model.
   */
  model: ModelConfig;
  /** `CHATWIRE_OFFLINE_WORD_DELAY_MS`: the offline model's pause before each word; unset, its own default. */
  offlineWordDelayMs?: number | undefined;
  /** `CHATWIRE_MAX_ATTACHMENT_BYTES`: the largest attachment accepted (declared and uploaded); default 20 MB. */
  maxAttachmentBytes?: number | undefined;
  /**
   * `CHATWIRE_MODELS`: model names a user may pick in the chat's model picker (the configured
   * `CHATWIRE_MODEL` always may); a pick of anything else gets the default. Default: none.
   */
  allowedModels: string[];
  /**
   * `CHATWIRE_MCP_SERVERS`: MCP servers whose tools the assistant may use, each with how the app
   * proves the user to it (`auth`) and which of its tools wait for the user's approval. Default: none.
   */
  mcpServers: McpServerConfig[];
  /** `CHATWIRE_PUBLIC_URL`: where clients reach the app (behind a proxy), for upload URLs and the app's own origin. */
  publicUrl?: string | undefined;
  /** `CHATWIRE_RATE_LIMIT`: requests per minute per user on `/chatkit`; 0: no limit. */
  rateLimit: number;
  /** `CHATWIRE_MAX_STREAMS_PER_USER`: replies streaming at once per user; 0: no cap. */
  maxStreamsPerUser: number;
  /** `CHATWIRE_MAX_MESSAGE_CHARS`: the longest user message, in characters. */
  maxMessageChars: number;
  /** `CHATWIRE_DAILY_TOKEN_BUDGET`: model tokens per user per UTC day; 0: no budget. */
  dailyTokenBudget: number;
  /** `CHATWIRE_OPERATOR_TOKEN`: a bearer token that may read every user's usage at `/admin/usage`. */
  operatorToken?: string | undefined;
  /** `CHATWIRE_SHUTDOWN_GRACE_MS`: how long replies may run on after SIGTERM/SIGINT before they are stopped. */
  shutdownGraceMs: number;
  /** `CHATWIRE_ON_DISCONNECT`: `cancel` (a client leaving stops its reply, as in the reference) or `continue` (the reply runs on, resumable). */
  onDisconnect: (typeof DISCONNECT_POLICIES)[number];
  /** `CHATWIRE_REDIS_URL`: the event bus on Redis instead of the app's database. */
  redisUrl?: string | undefined;
  /** `CHATWIRE_RUN_LEASE_MS`: a reply whose instance died is closed by another instance within this time (renewed every fifth of it). */
  runLeaseMs: number;
  /** `CHATWIRE_LOG_LEVEL`: the least severe log line written. */
  logLevel: LogLevel;
  /**
   * `CHATWIRE_DEMO_TOOLS`: `on` gives the assistant the demo tools (a widget gallery, structured
   * questions, a generated picture, a client effect, a client tool) and answers the gallery's
   * actions itself. For trying the rich items out and for the browser tests; default `off`.
   */
  demoTools: boolean;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: send OpenTelemetry traces there (OTLP over HTTP); unset, no tracing. */
  otlpEndpoint?: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Turns a raw value into a setting, or throws a plain `Error` saying what is wrong with it. */
type Parser<T> = (raw: string) => T;

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    port: read(env, 'PORT', parsePort, 8787),
    host: read(env, 'HOST', parseHost, '127.0.0.1'),
    dataDir: read(env, 'CHATWIRE_DATA_DIR', parseDataDir, resolve('.chatwire')),
    auth: loadAuthConfig(env),
    databaseUrl: read<string | undefined>(env, 'DATABASE_URL', parseDatabaseUrl, undefined),
    model: loadModelConfig(env),
    offlineWordDelayMs: read<number | undefined>(env, 'CHATWIRE_OFFLINE_WORD_DELAY_MS', parseDelay, undefined),
    maxAttachmentBytes: read(env, 'CHATWIRE_MAX_ATTACHMENT_BYTES', parseByteCount, DEFAULT_MAX_ATTACHMENT_BYTES),
    allowedModels: read(env, 'CHATWIRE_MODELS', parseModelNames, []),
    mcpServers: read(env, 'CHATWIRE_MCP_SERVERS', parseMcpServers, []),
    publicUrl: read<string | undefined>(env, 'CHATWIRE_PUBLIC_URL', httpUrl, undefined),
    rateLimit: read(env, 'CHATWIRE_RATE_LIMIT', wholeNumber({ max: 1_000_000, unit: 'requests per minute' }), DEFAULT_RATE_LIMIT),
    maxStreamsPerUser: read(env, 'CHATWIRE_MAX_STREAMS_PER_USER', wholeNumber({ max: 1000 }), DEFAULT_MAX_STREAMS_PER_USER),
    maxMessageChars: read(env, 'CHATWIRE_MAX_MESSAGE_CHARS', wholeNumber({ min: 1, max: 1_000_000 }), DEFAULT_MAX_MESSAGE_CHARS),
    dailyTokenBudget: read(env, 'CHATWIRE_DAILY_TOKEN_BUDGET', wholeNumber({ max: 1e12, unit: 'tokens' }), 0),
    operatorToken: read<string | undefined>(env, 'CHATWIRE_OPERATOR_TOKEN', secret(32), undefined),
    shutdownGraceMs: read(
      env,
      'CHATWIRE_SHUTDOWN_GRACE_MS',
      wholeNumber({ max: 600_000, unit: 'ms' }),
      DEFAULT_SHUTDOWN_GRACE_MS,
    ),
    onDisconnect: read(env, 'CHATWIRE_ON_DISCONNECT', oneOf(DISCONNECT_POLICIES), 'cancel'),
    redisUrl: read<string | undefined>(env, 'CHATWIRE_REDIS_URL', redisUrl, undefined),
    runLeaseMs: read(env, 'CHATWIRE_RUN_LEASE_MS', wholeNumber({ min: 500, max: 600_000, unit: 'ms' }), DEFAULT_RUN_LEASE_MS),
    logLevel: read<LogLevel>(env, 'CHATWIRE_LOG_LEVEL', oneOf(LOG_LEVELS), 'info'),
    otlpEndpoint: read<string | undefined>(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', httpUrl, undefined),
    demoTools: read(env, 'CHATWIRE_DEMO_TOOLS', oneOf(['on', 'off'] as const), 'off') === 'on',
  };
}

/**
 * Read by `@chatwire/agents` itself, so the app and the library agree on what the variables mean;
 * its `ModelConfigError` becomes a `ConfigError` naming the same variable.
 */
function loadModelConfig(env: Env): ModelConfig {
  try {
    return modelConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof ModelConfigError)) throw error;
    const prefix = `${error.variable}: `;
    throw new ConfigError(error.variable, error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message);
  }
}

/**
 * Production auth when `AUTH_JWKS_URL` is set, which then needs `AUTH_ISSUER` and `AUTH_AUDIENCE`.
 * Those (and `AUTH_ALGORITHMS`) without `AUTH_JWKS_URL` are a mistake, not something to ignore:
 * the app would otherwise run with the development login open.
 */
function loadAuthConfig(env: Env): AuthConfig {
  const jwksUrl = read<string | undefined>(env, 'AUTH_JWKS_URL', parseJwksUrl, undefined);
  const issuer = read<string | undefined>(env, 'AUTH_ISSUER', parseClaimValue, undefined);
  const audience = read<string | undefined>(env, 'AUTH_AUDIENCE', parseClaimValue, undefined);
  const algorithms = read<AsymmetricAlgorithm[] | undefined>(env, 'AUTH_ALGORITHMS', parseAlgorithms, undefined);
  const allowedOrigins = read(env, 'CHATWIRE_ALLOWED_ORIGINS', parseAllowedOrigins, []);
  if (jwksUrl === undefined) {
    const stray = Object.entries({ AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience, AUTH_ALGORITHMS: algorithms }).find(
      ([, value]) => value !== undefined,
    );
    if (stray) throw new ConfigError(stray[0], 'is set but AUTH_JWKS_URL is not; set AUTH_JWKS_URL to turn production auth on');
    return { allowedOrigins };
  }
  if (issuer === undefined) throw new ConfigError('AUTH_ISSUER', 'is required when AUTH_JWKS_URL is set');
  if (audience === undefined) throw new ConfigError('AUTH_AUDIENCE', 'is required when AUTH_JWKS_URL is set');
  return { provider: { jwksUrl, issuer, audience, algorithms: algorithms ?? [...DEFAULT_ALGORITHMS] }, allowedOrigins };
}

/** Unset and empty both mean "use the default". */
function read<T>(env: Env, name: string, parse: Parser<T>, fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  try {
    return parse(raw);
  } catch (error) {
    throw new ConfigError(name, error instanceof Error ? error.message : String(error));
  }
}

export function parsePort(raw: string): number {
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new Error(`expected a port number from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** A host name, IPv4 or IPv6 address; not a URL. */
export function parseHost(raw: string): string {
  if (!/^[A-Za-z0-9.:-]+$/.test(raw) && !/^\[[0-9A-Fa-f:.]+\]$/.test(raw)) {
    throw new Error(`expected a host name or IP address such as 127.0.0.1 or 0.0.0.0, got ${JSON.stringify(raw)}`);
  }
  // `[::1]` is how URLs spell it; `listen()` wants the bare address.
  return raw.startsWith('[') ? raw.slice(1, -1) : raw;
}

/** A directory path, made absolute against the working directory. */
export function parseDataDir(raw: string): string {
  if (raw.includes('\0')) throw new Error('must be a directory path');
  return resolve(raw);
}

/**
 * A `postgres://` or `postgresql://` URL. The value is never repeated in the error: it may
 * carry a password.
 */
export function parseDatabaseUrl(raw: string): string {
  const expected = 'expected a postgres:// or postgresql:// URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${expected}; the value is not a URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`${expected}; the value starts with ${JSON.stringify(url.protocol)}`);
  }
  return raw;
}

/** Milliseconds, 0 to 60 000. */
export function parseDelay(raw: string): number {
  const ms = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ms <= 60_000)) throw new Error(`expected milliseconds from 0 to 60000, got ${JSON.stringify(raw)}`);
  return ms;
}

/** A comma-separated list of model names (`gpt-4.1-mini,gpt-4.1`, `llama3.2:3b,qwen2.5:7b`), without duplicates. */
export function parseModelNames(raw: string): string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const bad = names.find((name) => !/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/.test(name));
  if (bad !== undefined) throw new Error(`expected model names separated by commas, got ${JSON.stringify(bad.slice(0, 60))}`);
  return [...new Set(names)];
}

/** A whole number of bytes, at least 1. */
export function parseByteCount(raw: string): number {
  const bytes = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new Error(`expected a number of bytes such as 20971520, got ${JSON.stringify(raw)}`);
  return bytes;
}

/**
 * A JSON array of MCP servers, `[{"name":"notes","url":"http://127.0.0.1:9100/mcp","auth":"app-token"}]`.
 * The error names the entry and field at fault; a URL is never repeated (it may carry credentials).
 */
export function parseMcpServers(raw: string): McpServerConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(
      'the value is not JSON; expected an array of servers such as [{"name":"notes","url":"http://127.0.0.1:9100/mcp"}]',
    );
  }
  const parsed = McpServerList.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [index, ...field] = issue.path;
  const where =
    typeof index === 'number' ? `entry ${index + 1}${field.length > 0 ? ` field ${field.join('.')}` : ''}` : 'the value';
  const message = issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  throw new Error(`${where}: ${message.replace(/\s+/g, ' ')}`);
}
