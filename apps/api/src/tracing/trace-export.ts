import type { AppConfig } from '../config/app-config';

/** A running tracer provider; `shutdown` flushes the spans still batched. */
export interface TraceExport {
  shutdown(): Promise<void>;
}

/** How long finished spans wait to be sent together; short, so a trace shows up while one looks. */
const batchDelayMs = 1000;

/**
 * Registers an OpenTelemetry tracer provider exporting over OTLP/HTTP (JSON) to
 * `<endpoint>/v1/traces`, or does nothing when no endpoint is configured. The SDK is imported
 * here, on demand, so a gateway without tracing never loads it: its spans stay the API's no-ops.
 */
export async function startTraceExport(tracing: AppConfig['tracing']): Promise<TraceExport | undefined> {
  if (!tracing.endpoint) return undefined;
  const [{ trace }, { BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
    ]);
  const exporter = new OTLPTraceExporter({ url: tracesUrlOf(tracing.endpoint) });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: tracing.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: batchDelayMs })],
  });
  if (!trace.setGlobalTracerProvider(provider)) {
    await provider.shutdown();
    throw new Error('An OpenTelemetry tracer provider is already registered in this process.');
  }
  return {
    shutdown: async () => {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
      }
    },
  };
}

/** The OTLP/HTTP spec: the signal path is appended to OTEL_EXPORTER_OTLP_ENDPOINT. */
export function tracesUrlOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
