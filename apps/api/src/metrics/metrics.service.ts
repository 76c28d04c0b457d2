import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StatusEvents } from '../events/status-events';
import { BoundedLabel } from './bounded-label';

/**
 * Prometheus metrics of this process. Labels stay low-cardinality: no request ids, no account
 * ids (an account's state is counted, not named). Names follow Prometheus' conventions (base
 * units in the name, `_total` on counters); the `gen_ai_*` ones are the OpenTelemetry GenAI
 * semantic conventions (`gen_ai.server.request.duration`, `gen_ai.server.time_to_first_token`,
 * `gen_ai.client.token.usage`) as OpenTelemetry writes them for Prometheus, with the buckets
 * the conventions advise, so GenAI dashboards work unchanged. README, "Metrics", lists them all.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'qwen_proxy_requests_total',
    help: 'Requests answered, by listener, surface, model, provider and HTTP status.',
    labelNames: ['listener', 'surface', 'model', 'provider', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'qwen_proxy_request_duration_seconds',
    help: 'Time from request to the end of the answer.',
    labelNames: ['listener', 'surface', 'provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  private readonly firstToken = new Histogram({
    name: 'qwen_proxy_time_to_first_token_seconds',
    help: 'Time from request to the first answer token.',
    labelNames: ['listener', 'surface', 'provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
    registers: [this.registry],
  });
  private readonly upstreamFailures = new Counter({
    name: 'qwen_proxy_upstream_failures_total',
    help: 'Failed answers by error code (qwen_daily_limit, qwen_timeout, upstream_502, …).',
    labelNames: ['provider', 'code'],
    registers: [this.registry],
  });
  private readonly unknownShapes = new Counter({
    name: 'qwen_proxy_upstream_unknown_shapes_total',
    help: 'Frames, phases and error codes an upstream sent that its parser did not know, by kind (frame, phase, error).',
    // Only the kind: the names are the upstream's to invent, so they would make the label set unbounded.
    labelNames: ['provider', 'kind'],
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'qwen_proxy_tokens_total',
    help: 'Tokens used, by model and kind (prompt, completion).',
    labelNames: ['model', 'kind'],
    registers: [this.registry],
  });
  readonly activeStreams = new Gauge({
    name: 'qwen_proxy_active_requests',
    help: 'Requests being answered right now.',
    labelNames: ['listener'],
    registers: [this.registry],
  });
  readonly accountStates = new Gauge({
    name: 'qwen_proxy_accounts',
    help: 'Qwen accounts by state.',
    labelNames: ['state'],
    registers: [this.registry],
  });
  readonly providerStates = new Gauge({
    name: 'qwen_proxy_provider_health',
    help: 'Provider circuit state (1 for the current state).',
    labelNames: ['provider', 'state'],
    registers: [this.registry],
  });
  private readonly genAiDuration = new Histogram({
    name: 'gen_ai_server_request_duration_seconds',
    help: 'GenAI server request duration (OpenTelemetry gen_ai.server.request.duration).',
    labelNames: ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model', 'error_type'],
    buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
    registers: [this.registry],
  });
  private readonly genAiFirstToken = new Histogram({
    name: 'gen_ai_server_time_to_first_token_seconds',
    help: 'Time to the first output token (OpenTelemetry gen_ai.server.time_to_first_token).',
    labelNames: ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model'],
    buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    registers: [this.registry],
  });
  private readonly genAiTokens = new Histogram({
    name: 'gen_ai_client_token_usage',
    help: 'Tokens per request, input or output (OpenTelemetry gen_ai.client.token.usage; unit {token}).',
    labelNames: ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model', 'gen_ai_token_type'],
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
    registers: [this.registry],
  });
  private readonly subscription: Subscription;
  /** Models are named by clients: only answered ones get a series of their own (METRICS_MAX_MODEL_LABELS). */
  private readonly modelLabel: BoundedLabel;

  constructor(events: StatusEvents, @Inject(APP_CONFIG) config: AppConfig) {
    this.modelLabel = new BoundedLabel(config.limits.metricsMaxModelLabels);
    // The standard names (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`) that Node.js
    // dashboards expect; the old `qwen_proxy_process_` prefix made `…_process_process_cpu_…`.
    collectDefaultMetrics({ register: this.registry });
    this.subscription = events.stream.subscribe((event) => {
      if (event.type === 'provider-health-changed') {
        for (const state of ['healthy', 'cooling-down', 'probing']) {
          this.providerStates.set({ provider: event.providerId, state }, state === event.state ? 1 : 0);
        }
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** One shape an upstream sent that its parser did not know (see UnknownUpstreamShape). */
  unknownUpstreamShape(provider: string | null, kind: 'frame' | 'phase' | 'error'): void {
    this.unknownShapes.inc({ provider: provider ?? 'none', kind });
  }

  requestStarted(listener: string): void {
    this.activeStreams.inc({ listener });
  }

  requestEnded(observation: {
    listener: string;
    surface: string;
    model: string;
    provider: string | null;
    statusCode: number;
    errorCode: string | null;
    durationMs: number;
    timeToFirstTokenMs: number | null;
    promptTokens: number | null;
    completionTokens: number | null;
  }): void {
    const provider = observation.provider ?? 'none';
    const model = this.modelLabel.of(observation.model, observation.statusCode < 400 && observation.provider !== null);
    this.activeStreams.dec({ listener: observation.listener });
    this.requests.inc({ listener: observation.listener, surface: observation.surface, model, provider, status: String(observation.statusCode) });
    this.duration.observe({ listener: observation.listener, surface: observation.surface, provider }, observation.durationMs / 1000);
    if (observation.timeToFirstTokenMs !== null) {
      this.firstToken.observe({ listener: observation.listener, surface: observation.surface, provider }, observation.timeToFirstTokenMs / 1000);
    }
    if (observation.errorCode) this.upstreamFailures.inc({ provider, code: observation.errorCode });
    if (observation.promptTokens) this.tokens.inc({ model, kind: 'prompt' }, observation.promptTokens);
    if (observation.completionTokens) this.tokens.inc({ model, kind: 'completion' }, observation.completionTokens);
    // The same bounded model label as above: a client's model string never grows the registry.
    const genAi = { gen_ai_operation_name: 'chat', gen_ai_provider_name: provider, gen_ai_request_model: model };
    this.genAiDuration.observe({ ...genAi, error_type: observation.errorCode ?? (observation.statusCode >= 400 ? String(observation.statusCode) : '') }, observation.durationMs / 1000);
    if (observation.timeToFirstTokenMs !== null) this.genAiFirstToken.observe(genAi, observation.timeToFirstTokenMs / 1000);
    if (observation.promptTokens !== null) this.genAiTokens.observe({ ...genAi, gen_ai_token_type: 'input' }, observation.promptTokens);
    if (observation.completionTokens !== null) this.genAiTokens.observe({ ...genAi, gen_ai_token_type: 'output' }, observation.completionTokens);
  }
}
