import { type Attributes, type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ChatEvent } from '../chat-event';
import { isGatewayError } from '../errors/gateway-error';

/**
 * Spans through `@opentelemetry/api` only: without an SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset) every call below is the API's no-op, so libs never pay for tracing they do not export.
 * Contexts travel explicitly (ChatOptions.traceContext), not through a context manager: the
 * Observables here subscribe long after the code that made them returned.
 */
export type TraceContext = Context;
export type TraceSpan = Span;

export { SpanKind };

/** The tracer is looked up per span: a cached one would keep a provider shut down since. */
function tracer() {
  return trace.getTracer('qwen-proxy');
}

export function startSpan(name: string, parent: TraceContext | undefined, attributes: Attributes, kind: SpanKind = SpanKind.INTERNAL): TraceSpan {
  return tracer().startSpan(name, { kind, attributes }, parent ?? ROOT_CONTEXT);
}

/** The context a span's children start from. */
export function contextWith(span: TraceSpan, parent: TraceContext | undefined): TraceContext {
  return trace.setSpan(parent ?? ROOT_CONTEXT, span);
}

/** Records a failure as the GenAI conventions ask: error status and `error.type` (our error code). */
export function failSpan(span: TraceSpan, error: unknown): void {
  if (!span.isRecording()) return;
  const type = isGatewayError(error) ? error.code : error instanceof Error ? error.name : 'error';
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Copies what a chat event says about the answer onto a span (`gen_ai.response.*`,
 * `gen_ai.usage.*`). Cheap to call per event: a non-recording span returns at once.
 */
export function observeChatEvent(span: TraceSpan, event: ChatEvent): void {
  if (!span.isRecording()) return;
  switch (event.type) {
    case 'response-start':
      span.setAttribute('gen_ai.response.model', event.model);
      span.setAttribute('gen_ai.provider.name', event.provider);
      if (event.upstreamId) span.setAttribute('gen_ai.response.id', event.upstreamId);
      return;
    case 'usage':
      span.setAttribute('gen_ai.usage.input_tokens', event.usage.inputTokens);
      span.setAttribute('gen_ai.usage.output_tokens', event.usage.outputTokens);
      return;
    case 'finish':
      span.setAttribute('gen_ai.response.finish_reasons', [event.reason.replace('-', '_')]);
      return;
    case 'error':
      failSpan(span, event.error);
      return;
    default:
      return;
  }
}
