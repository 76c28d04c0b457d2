import { type ChatEvent, contextWith, failSpan, observeChatEvent, SpanKind, startSpan, type TraceContext, type TraceSpan } from '@qwen-proxy/contracts';
import type { StreamOutcome } from '../common/event-stream-writer';

export interface RequestSpanStart {
  requestId: string;
  listener: 'proxy' | 'router';
  /** The request log's surface name, e.g. `openai-chat`. */
  surface: string;
  /** The model sent on (after the proxy's aliases). */
  model: string;
  stream: boolean;
  /** Known up front on the proxy port (always Qwen); on the router the answering provider says it. */
  provider?: string;
}

/**
 * The span of one request on a wire surface: the root the router's attempts and the upstream
 * calls hang from. Named and attributed after the GenAI semantic conventions
 * (`{operation} {model}`); a no-op when no tracing SDK is registered.
 */
export class RequestSpan {
  readonly traceContext: TraceContext;
  private readonly span: TraceSpan;
  private ended = false;

  constructor(start: RequestSpanStart) {
    const operation = start.surface === 'openai-completions' ? 'text_completion' : 'chat';
    this.span = startSpan(
      `${operation} ${start.model}`,
      undefined,
      {
        'gen_ai.operation.name': operation,
        'gen_ai.request.model': start.model,
        ...(start.provider ? { 'gen_ai.provider.name': start.provider } : {}),
        'qwen_proxy.request_id': start.requestId,
        'qwen_proxy.listener': start.listener,
        'qwen_proxy.surface': start.surface,
        'qwen_proxy.stream': start.stream,
      },
      SpanKind.SERVER,
    );
    this.traceContext = contextWith(this.span, undefined);
  }

  observe(event: ChatEvent): void {
    observeChatEvent(this.span, event);
  }

  /** Ends the span with the request's outcome; later calls do nothing. */
  end(outcome: StreamOutcome): void {
    if (this.ended) return;
    this.ended = true;
    if (this.span.isRecording()) {
      this.span.setAttribute('http.response.status_code', outcome.statusCode);
      if (outcome.cancelled) this.span.setAttribute('qwen_proxy.cancelled', true);
      if (outcome.error) failSpan(this.span, outcome.error);
    }
    this.span.end();
  }
}
