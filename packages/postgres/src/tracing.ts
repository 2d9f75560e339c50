import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@chatwire/postgres');

/**
 * Runs one statement (or a transaction) in an OpenTelemetry client span named like
 * `SELECT chatwire_threads`, with the statement's text (parameters only, never values). Without a
 * registered tracer provider the span is a no-op.
 */
export function traced<T>(text: string, run: () => Promise<T>): Promise<T> {
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
  const table = /\b(?:FROM|INTO|UPDATE|TABLE(?: IF NOT EXISTS)?)\s+(chatwire_\w+)/i.exec(text)?.[1];
  const name = table ? `${operation} ${table}` : operation;
  return tracer.startActiveSpan(
    name,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': text.slice(0, 2000) },
    },
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
