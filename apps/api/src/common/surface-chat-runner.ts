import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { type ChatEvent, type ChatRequest, FlowControl, type GatewayError } from '@qwen-proxy/contracts';
import { type ChatProvider, type ChatResult, qwenWebProviderId, reduceChatEvents } from '@qwen-proxy/providers';
import { capAnswerTokens } from '../api-keys/answer-token-cap';
import { TokenBudgetLedger } from '../api-keys/token-budget-ledger';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QWEN_WEB_PROVIDER } from '../qwen/qwen.constants';
import { type Recording, RequestRecorder } from '../recording/request-recorder';
import { RouterService } from '../router/router.service';
import { type StreamEncoder, type StreamOutcome, writeEventStream } from './event-stream-writer';
import { SettingsService } from '../settings/settings.service';
import { RequestSpan } from '../tracing/request-span';

export type ListenerName = 'proxy' | 'router';

/** One request of a wire surface on its way through a provider. */
export interface SurfaceRun {
  requestId: string;
  /** Unix seconds. */
  created: number;
  /** The model name echoed in answers. */
  model: string;
  events: Observable<ChatEvent>;
  recording: Recording;
  /** The client's backpressure, handed to the provider. */
  flow: FlowControl;
  /** The request's trace span (a no-op without tracing), ended with the recording. */
  span: RequestSpan;
}

export interface SurfaceRunContext {
  requestId: string;
  listener: ListenerName;
  /** The request log's name of the wire surface, e.g. `anthropic-messages`. */
  surface: string;
  /** The model name answers carry: the client's own, when the surface mapped it to another. */
  answerModel?: string;
  userAgent?: string;
  body: unknown;
  /** The client API key that made the request, for the key's token budget. */
  apiKeyId?: string;
}

/** The listener decides the provider: the proxy port serves Qwen, the router port routes. */
export function listenerOf(request: Request): ListenerName {
  return request.listener === 'router' ? 'router' : 'proxy';
}

/**
 * What every non-OpenAI surface (Anthropic Messages, Responses, legacy completions) shares with
 * the Chat Completions one: the provider chosen by listener, the recording, and the event stream
 * either written as SSE or reduced. Each surface brings only its mapping and encoder.
 */
@Injectable()
export class SurfaceChatRunner {
  constructor(
    @Inject(QWEN_WEB_PROVIDER) private readonly qwen: ChatProvider,
    private readonly router: RouterService,
    private readonly models: ModelCatalogueService,
    private readonly recorder: RequestRecorder,
    private readonly budgets: TokenBudgetLedger,
    private readonly settings: SettingsService,
  ) {}

  /**
   * The proxy port refuses a model Qwen does not list; the router resolves models itself. On the
   * proxy a `modelAliases` name counts as the Qwen model it names (so `gpt-4o` → `qwen3-max`
   * works on :3000 too); an alias of a model only another provider serves stays router-only.
   */
  async assertModel(model: string, listener: ListenerName): Promise<void> {
    if (listener === 'proxy') await this.models.assertKnown(this.proxyModelFor(model));
  }

  /** The Qwen model the proxy port sends for `model`: its alias target, or itself. */
  private proxyModelFor(model: string): string {
    return this.settings.get().modelAliases[model] ?? model;
  }

  /** `preferred` when Qwen lists it, else the account's default model (audit C6: names change). */
  availableModel(preferred: string | undefined): Promise<string> {
    return this.models.availableOr(preferred);
  }

  /** Whether the router can serve `model` (after its aliases). */
  async routerServes(model: string): Promise<boolean> {
    return this.router.resolve(model).then(
      () => true,
      () => false,
    );
  }

  start(asked: ChatRequest, context: SurfaceRunContext): SurfaceRun {
    // The answer echoes the name the client asked for; Qwen and the request log get the target.
    const request = context.listener === 'proxy' ? { ...asked, model: this.proxyModelFor(asked.model) } : asked;
    // A key with a token budget holds a reservation: this recording settles it, and the answer
    // stops at the reservation's allowance.
    const reservation = this.budgets.reservationOf(context.requestId);
    if (reservation) this.budgets.markRecorded(context.requestId);
    const recording = this.recorder.begin({
      requestId: context.requestId,
      listener: context.listener,
      surface: context.surface,
      model: request.model,
      stream: request.stream,
      messageCount: request.messages.length,
      clientUserAgent: context.userAgent,
      body: context.body,
      provider: context.listener === 'proxy' ? qwenWebProviderId : undefined,
      apiKeyId: context.apiKeyId,
      promptTokens: reservation?.promptTokens,
    });
    const provider = context.listener === 'router' ? this.router : this.qwen;
    // Conversations belong to the key that opened them: another key's session hint or history never continues them.
    const scoped: ChatRequest = context.apiKeyId ? { ...request, clientScope: context.apiKeyId } : request;
    const flow = new FlowControl();
    const span = new RequestSpan({
      requestId: context.requestId,
      listener: context.listener,
      surface: context.surface,
      model: request.model,
      stream: request.stream,
      provider: context.listener === 'proxy' ? qwenWebProviderId : undefined,
    });
    const answered = provider.chat(scoped, {
      requestId: context.requestId,
      traceContext: span.traceContext,
      onAttempt: (attempt) => recording.addAttempt(attempt),
      onUnknownShape: (shape) => recording.addUnknownShape(shape),
      flow,
    });
    const events = (reservation ? answered.pipe(capAnswerTokens(reservation)) : answered).pipe(
      tap((event) => {
        recording.observe(event);
        span.observe(event);
      }),
    );
    return {
      requestId: context.requestId,
      created: Math.floor(Date.now() / 1000),
      model: context.answerModel ?? asked.model,
      events,
      recording,
      flow,
      span,
    };
  }

  stream(
    run: SurfaceRun,
    response: Response,
    encoder: StreamEncoder,
    options: { keepAliveMs: number; sendError(response: Response, error: GatewayError): void; onDone?(outcome: StreamOutcome): void },
  ): void {
    writeEventStream(response, run.events.pipe(tap((event) => announceAnswerer(response, event, (id) => this.router.providerName(id)))), encoder, {
      keepAliveMs: options.keepAliveMs,
      sendError: (error) => options.sendError(response, error),
      flow: run.flow,
      // Committed before the closing frames go out, so an answer a client fully received is
      // never lost to a crash (see Recording.endDurably).
      onDone: async (outcome) => {
        await run.recording.endDurably(outcome);
        run.span.end(outcome);
        options.onDone?.(outcome);
      },
    });
  }

  /**
   * The non-streaming answer: the same events, reduced. A failure throws for the exception
   * filter; `cancelled` says the client hung up before the answer was complete.
   */
  async reduce(events: Observable<ChatEvent>, run: SurfaceRun, response: Response): Promise<{ result: ChatResult; cancelled: boolean }> {
    const result = await reduceChatEvents(events.pipe(tap((event) => announceAnswerer(response, event, (id) => this.router.providerName(id)))));
    if (result.error) {
      const failed = { statusCode: result.error.status, cancelled: false, error: result.error };
      await run.recording.endDurably(failed);
      run.span.end(failed);
      throw result.error;
    }
    if (!result.finishReason) {
      run.recording.end({ statusCode: 499, cancelled: true });
      run.span.end({ statusCode: 499, cancelled: true });
      return { result, cancelled: true };
    }
    await run.recording.endDurably({ statusCode: 200, cancelled: false });
    run.span.end({ statusCode: 200, cancelled: false });
    return { result, cancelled: false };
  }
}

/**
 * Which provider (and Qwen account) answered, as response headers, set before the body starts:
 * `x-provider` is the name a person gave it (the id when the name is no valid header text),
 * `x-provider-id` the stable id.
 */
export function announceAnswerer(response: Response, event: ChatEvent, nameOf: (id: string) => string): void {
  if (event.type !== 'response-start' || response.headersSent) return;
  const name = nameOf(event.provider);
  response.setHeader('x-provider', /^[\x20-\x7e]+$/.test(name) ? name : event.provider);
  response.setHeader('x-provider-id', event.provider);
  if (event.provider === 'qwen-web' && event.account) response.setHeader('x-qwen-account', event.account);
}
