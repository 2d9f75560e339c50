import type { Logger } from '@chatwire/server';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogLevel } from '../config.js';
import { requestScope } from './request-scope.js';

export interface AppLogger extends Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  readonly pino: Pino;
}

/**
 * Credentials that may sit in an error or a details object; never written. Message text, page
 * context and tokens are never handed to the logger in the first place: lines carry ids, counts,
 * statuses and error names.
 */
const REDACTED = [
  'authorization',
  'cookie',
  'token',
  'apiKey',
  'password',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.apiKey',
  '*.password',
  'headers.authorization',
  'headers.cookie',
];

/**
 * The app's logger: JSON lines (pino) on stderr, each with the `requestId` (and `userId`, once
 * known) of the request it was written for. It is also the `Logger` the libraries write through.
 */
export function createAppLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): AppLogger {
  const base = pino(
    {
      level,
      base: { service: 'chatwire' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
      mixin: () => {
        const scope = requestScope.getStore();
        if (!scope) return {};
        return scope.userId === undefined ? { requestId: scope.requestId } : { requestId: scope.requestId, userId: scope.userId };
      },
    },
    destination,
  );
  const write = (method: 'error' | 'warn' | 'info' | 'debug') => (message: string, details?: Record<string, unknown>) =>
    details === undefined ? base[method](message) : base[method](details, message);
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug'), pino: base };
}
