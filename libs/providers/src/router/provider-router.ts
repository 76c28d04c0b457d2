import { Observable, type Subscriber, type Subscription } from 'rxjs';
import {
  type ChatEvent,
  type ChatOptions,
  type ChatRequest,
  contextWith,
  failSpan,
  type GatewayError,
  BadRequestError,
  gatewayErrorFor,
  NotFoundError,
  observeChatEvent,
  ServiceUnavailableError,
  startSpan,
  toGatewayError,
} from '@qwen-proxy/contracts';
import { canEmbed, type EmbeddingAnswer, type EmbeddingOptions, type EmbeddingRequest } from '../embedding-provider';
import type { ProviderHealth } from './provider-health';
import type { RouteCandidate, RoutingStrategyName } from './route-candidate';
import { orderCandidates } from './routing-strategy';
import { qwenWebProviderId } from '../qwen-web/qwen-turn';

export interface ProviderRouterOptions {
  /** Every candidate for a requested model; rejects (e.g. NotFoundError) when there is none. */
  resolve(model: string): Promise<RouteCandidate[]>;
  strategy(): RoutingStrategyName;
  health: ProviderHealth;
  random?: () => number;
}

type AttemptOutcome = { kind: 'answered' } | { kind: 'failed'; error: GatewayError };

/** The request's attempt in progress, so a client hang-up can end it. */
interface AttemptState {
  cancelled: boolean;
  current?: Subscription;
  settleCurrent?: () => void;
}

/** Events after which the client has seen the answer begin: no fallback is possible past them. */
const committingEvents = new Set<ChatEvent['type']>(['text-delta', 'reasoning-delta', 'tool-call-start', 'source', 'finish']);

/**
 * Routes a request across the providers that serve its model. Candidates are ordered by the
 * strategy; a retryable failure moves on to the next one, but only while nothing has reached the
 * client (events are held until the answer begins), so a response never mixes two answers.
 */
export class ProviderRouter {
  private readonly inflight = new Map<string, number>();
  private readonly turns = new Map<string, number>();

  constructor(private readonly options: ProviderRouterOptions) {}

  /** Requests in flight per provider (least-busy strategy, status page). */
  inflightOf(providerId: string): number {
    return this.inflight.get(providerId) ?? 0;
  }

  chat(request: ChatRequest, options: ChatOptions = {}): Observable<ChatEvent> {
    return new Observable<ChatEvent>((subscriber) => {
      const state: AttemptState = { cancelled: false };
      void this.route(request, options, subscriber, state).finally(() => {
        if (!subscriber.closed) subscriber.complete();
      });
      return () => {
        state.cancelled = true;
        state.current?.unsubscribe();
        state.settleCurrent?.();
      };
    });
  }

  /**
   * An embeddings request over the same candidates, order, health and cooldowns as `chat`,
   * skipping providers that cannot embed. There is no stream to commit to, so every retryable
   * failure moves on to the next candidate. Rejects with a GatewayError.
   */
  async embed(request: EmbeddingRequest, options: EmbeddingOptions = {}): Promise<EmbeddingAnswer> {
    const { health } = this.options;
    const resolved = deduplicate(await this.options.resolve(request.model));
    const candidates = resolved.filter((candidate) => canEmbed(candidate.provider));
    if (candidates.length === 0) {
      throw new NotFoundError(
        `No provider serving \`${request.model}\` answers embeddings (${resolved.map((candidate) => candidate.providerId).join(', ')}): the Qwen web chat has none. Route the model to an OpenAI-compatible provider that embeds.`,
        { code: 'embeddings_not_supported', param: 'model' },
      );
    }
    const ordered = orderCandidates(this.options.strategy(), candidates, {
      inflight: (providerId) => this.inflightOf(providerId),
      turn: this.nextTurn(request.model),
      random: this.options.random ?? Math.random,
    });
    const available = ordered.filter((candidate) => health.isAvailable(candidate.providerId));
    if (available.length === 0) throw coolingDown(request.model, ordered, health);

    const failures: { providerId: string; error: GatewayError }[] = [];
    for (const candidate of available) {
      if (options.signal?.aborted) break;
      const started = performance.now();
      const report = (error?: GatewayError) =>
        options.onAttempt?.({
          provider: candidate.providerId,
          model: candidate.upstreamModel,
          durationMs: Math.round(performance.now() - started),
          ...(error ? { error: { status: error.status, code: error.code, message: error.message } } : {}),
        });
      this.inflight.set(candidate.providerId, this.inflightOf(candidate.providerId) + 1);
      try {
        const { provider } = candidate;
        if (!canEmbed(provider)) continue;
        const answer = await provider.embed({ ...request, model: candidate.upstreamModel }, { signal: options.signal, requestId: options.requestId });
        health.recordSuccess(candidate.providerId);
        report();
        return answer;
      } catch (caught) {
        const error = toGatewayError(caught);
        // The client hung up: nobody is left to answer, and the provider did nothing wrong.
        if (options.signal?.aborted) throw error;
        health.recordFailure(candidate.providerId, error);
        report(error);
        failures.push({ providerId: candidate.providerId, error });
        // A failure no other provider can fix (a bad input) goes straight back.
        if (!error.retryable) break;
      } finally {
        this.inflight.set(candidate.providerId, Math.max(0, this.inflightOf(candidate.providerId) - 1));
      }
    }
    if (failures.length === 0) throw new ServiceUnavailableError('The client went away before a provider answered the embeddings request.', { code: 'client_closed' });
    throw exhausted(failures);
  }

  private async route(
    request: ChatRequest,
    options: ChatOptions,
    subscriber: Subscriber<ChatEvent>,
    state: AttemptState,
  ): Promise<void> {
    let candidates: RouteCandidate[];
    try {
      candidates = deduplicate(await this.options.resolve(request.model));
      if (request.imageGeneration) candidates = drawingCandidates(candidates, request.model);
    } catch (error) {
      subscriber.next({ type: 'error', error: toGatewayError(error) });
      return;
    }
    const ordered = orderCandidates(this.options.strategy(), candidates, {
      inflight: (providerId) => this.inflightOf(providerId),
      turn: this.nextTurn(request.model),
      random: this.options.random ?? Math.random,
    });
    const available = ordered.filter((candidate) => this.options.health.isAvailable(candidate.providerId));
    if (available.length === 0) {
      subscriber.next({ type: 'error', error: coolingDown(request.model, ordered, this.options.health) });
      return;
    }

    const failures: { providerId: string; error: GatewayError }[] = [];
    for (const candidate of available) {
      if (state.cancelled) return;
      const outcome = await this.attempt(candidate, request, options, subscriber, state);
      if (outcome.kind === 'answered') return;
      failures.push({ providerId: candidate.providerId, error: outcome.error });
      // A failure no other provider can fix (bad request, content filter) goes straight back.
      if (!outcome.error.retryable) break;
    }
    if (!state.cancelled) subscriber.next({ type: 'error', error: exhausted(failures) });
  }

  private attempt(
    candidate: RouteCandidate,
    request: ChatRequest,
    options: ChatOptions,
    subscriber: Subscriber<ChatEvent>,
    state: AttemptState,
  ): Promise<AttemptOutcome> {
    const { health } = this.options;
    const started = performance.now();
    const held: ChatEvent[] = [];
    let committed = false;
    this.inflight.set(candidate.providerId, this.inflightOf(candidate.providerId) + 1);
    // One span per provider tried, under the request's: its upstream calls are its children.
    const span = startSpan(`chat ${candidate.upstreamModel}`, options.traceContext, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': candidate.providerId,
      'gen_ai.request.model': candidate.upstreamModel,
      ...(options.requestId ? { 'qwen_proxy.request_id': options.requestId } : {}),
    });
    let spanEnded = false;
    const endSpan = (error?: GatewayError) => {
      if (spanEnded) return;
      spanEnded = true;
      if (error) failSpan(span, error);
      span.end();
    };
    const report = (error?: GatewayError) => {
      endSpan(error);
      options.onAttempt?.({
        provider: candidate.providerId,
        model: candidate.upstreamModel,
        durationMs: Math.round(performance.now() - started),
        ...(error ? { error: { status: error.status, code: error.code, message: error.message } } : {}),
      });
    };

    return new Promise<AttemptOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        this.inflight.set(candidate.providerId, Math.max(0, this.inflightOf(candidate.providerId) - 1));
        // A hang-up or a stream that completed without `finish` ends the span without a report.
        endSpan();
        resolve(outcome);
      };
      state.settleCurrent = () => settle({ kind: 'answered' });
      const commit = () => {
        committed = true;
        for (const event of held.splice(0)) subscriber.next(event);
      };

      state.current = candidate.provider
        .chat(
          { ...request, model: candidate.upstreamModel },
          {
            signal: options.signal,
            requestId: options.requestId,
            onUnknownShape: options.onUnknownShape,
            flow: options.flow,
            traceContext: contextWith(span, options.traceContext),
          },
        )
        .subscribe({
          next: (event) => {
            if (!settled && event.type !== 'error') observeChatEvent(span, event);
            // After the attempt settled (failed before the answer began), whatever the provider
            // still sends belongs to an abandoned attempt.
            if (settled) return;
            if (event.type === 'error') {
              health.recordFailure(candidate.providerId, event.error);
              report(event.error);
              if (committed) {
                subscriber.next(event);
                settle({ kind: 'answered' });
              } else {
                settle({ kind: 'failed', error: event.error });
              }
              return;
            }
            if (committed) {
              subscriber.next(event);
            } else {
              held.push(event);
              if (committingEvents.has(event.type)) commit();
            }
            if (event.type === 'finish') {
              health.recordSuccess(candidate.providerId);
              report();
            }
          },
          error: (error: unknown) => {
            if (settled) return;
            const failure = toGatewayError(error);
            report(failure);
            if (committed) subscriber.next({ type: 'error', error: failure });
            settle(committed ? { kind: 'answered' } : { kind: 'failed', error: failure });
          },
          complete: () => {
            if (settled) return;
            if (!committed) commit();
            settle({ kind: 'answered' });
          },
        });
    });
  }

  private nextTurn(model: string): number {
    const turn = this.turns.get(model) ?? 0;
    this.turns.set(model, turn + 1);
    return turn;
  }
}

function deduplicate(candidates: RouteCandidate[]): RouteCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.providerId}\u0000${candidate.upstreamModel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function coolingDown(model: string, ordered: RouteCandidate[], health: ProviderHealth): GatewayError {
  const seconds = health.secondsUntilAvailable(ordered.map((candidate) => candidate.providerId));
  return new ServiceUnavailableError(
    `Every provider serving \`${model}\` is cooling down after failures (${ordered.map((candidate) => candidate.providerId).join(', ')}); retry in ${seconds} s.`,
    { code: 'providers_cooling_down', retryable: true, retryAfterSeconds: seconds },
  );
}

/** The error of a request no candidate could answer. One failure is passed on as it was. */
function exhausted(failures: { providerId: string; error: GatewayError }[]): GatewayError {
  if (failures.length === 1) return failures[0]!.error;
  const last = failures.at(-1)!.error;
  const waits = failures.map((failure) => failure.error.retryAfterSeconds).filter((seconds): seconds is number => seconds !== undefined);
  return gatewayErrorFor(
    last.status,
    `Every provider for this model failed. ${failures.map((failure) => `${failure.providerId}: ${failure.error.message}`).join(' | ')}`,
    {
      code: 'all_providers_failed',
      retryable: failures.every((failure) => failure.error.retryable),
      retryAfterSeconds: waits.length ? Math.min(...waits) : undefined,
      details: { attempts: failures.map((failure) => ({ provider: failure.providerId, code: failure.error.code, status: failure.error.status })) },
    },
  );
}

/**
 * A drawing goes only to providers that draw through chat (the Qwen web provider's `t2i`
 * chat): an OpenAI-compatible provider would answer a drawing request with text.
 */
function drawingCandidates(candidates: RouteCandidate[], model: string): RouteCandidate[] {
  const drawing = candidates.filter((candidate) => candidate.provider.type === qwenWebProviderId);
  if (drawing.length === 0) {
    throw new BadRequestError(`No enabled provider generates images with the model \`${model}\`: only the Qwen web provider's models that list \`t2i\` do.`, {
      code: 'model_not_image_capable',
      param: 'model',
    });
  }
  return drawing;
}
