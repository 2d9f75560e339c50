import type { Logger } from '@chatwire/server';

/** Flushes and stops the tracer provider; a no-op when tracing is off. */
export type StopTracing = () => Promise<void>;

/**
 * With `OTEL_EXPORTER_OTLP_ENDPOINT` set, registers the OpenTelemetry SDK (a Node tracer provider,
 * batched OTLP over HTTP; the exporter reads `OTEL_EXPORTER_OTLP_*` and the resource
 * `OTEL_SERVICE_NAME` itself). The libraries only use `@opentelemetry/api`, whose spans are no-ops
 * until a provider is registered; the SDK is not even loaded when tracing is off.
 */
export async function startTracing(endpoint: string | undefined, logger: Logger): Promise<StopTracing> {
  if (endpoint === undefined) return async () => {};
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME?.trim() || 'chatwire' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  logger.info('Tracing to OpenTelemetry', { endpoint: new URL(endpoint).host });
  return async () => {
    await provider.shutdown().catch((error: unknown) => {
      logger.warn('Flushing traces failed', { error: error instanceof Error ? error.message : String(error) });
    });
  };
}
