/**
 * The app's configuration, read once from the environment at startup. Each variable is one
 * entry below: a name, a parser and a default. A value that does not parse stops startup with
 * a `ConfigError` naming the variable (main.ts prints it and exits with code 2).
 */

export interface AppConfig {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on. */
  host: string;
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
  };
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
