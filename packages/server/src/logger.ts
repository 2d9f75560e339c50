/** The logger every part of the server writes through; inject your own (pino, console, …). */
export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
}

/**
 * Errors and warnings as JSON lines through `console.error` and `console.warn` (stderr on Node; the
 * platform's log on edge runtimes and workers); info is dropped.
 */
export const stderrLogger: Logger = {
  // eslint-disable-next-line no-console -- the default logger is the one place library code writes to the console
  error: (message, details) => console.error(jsonLine('error', message, details)),
  // eslint-disable-next-line no-console -- as above
  warn: (message, details) => console.warn(jsonLine('warn', message, details)),
  info: () => {},
};

export const silentLogger: Logger = { error: () => {}, warn: () => {}, info: () => {} };

function jsonLine(level: string, message: string, details?: Record<string, unknown>): string {
  return JSON.stringify({ level, message, ...details });
}

/** Error details safe to log: name and message, plus the stack (logs are server-side only). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.name, detail: error.message, stack: error.stack };
  return { error: String(error) };
}
