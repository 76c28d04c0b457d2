import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { type ChatEvent, type ChatRequest, FlowControl, type GatewayError } from '@qwen-proxy/contracts';
import { type ChatProvider, type ChatResult, qwenWebProviderId, reduceChatEvents } from '@qwen-proxy/providers';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QWEN_WEB_PROVIDER } from '../qwen/qwen.constants';
import { type Recording, RequestRecorder } from '../recording/request-recorder';
import { RouterService } from '../router/router.service';
import { type StreamEncoder, type StreamOutcome, writeEventStream } from './event-stream-writer';

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
  ) {}

  /** The proxy port refuses a model Qwen does not list; the router resolves models itself. */
  async assertModel(model: string, listener: ListenerName): Promise<void> {
    if (listener === 'proxy') await this.models.assertKnown(model);
  }

  /** Whether the router can serve `model` (after its aliases). */
  async routerServes(model: string): Promise<boolean> {
    return this.router.resolve(model).then(
      () => true,
      () => false,
    );
  }

  start(request: ChatRequest, context: SurfaceRunContext): SurfaceRun {
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
    });
    const provider = context.listener === 'router' ? this.router : this.qwen;
    const flow = new FlowControl();
    const events = provider
      .chat(request, { requestId: context.requestId, onAttempt: (attempt) => recording.addAttempt(attempt), flow })
      .pipe(tap((event) => recording.observe(event)));
    return {
      requestId: context.requestId,
      created: Math.floor(Date.now() / 1000),
      model: context.answerModel ?? request.model,
      events,
      recording,
      flow,
    };
  }

  stream(
    run: SurfaceRun,
    response: Response,
    encoder: StreamEncoder,
    options: { keepAliveMs: number; sendError(response: Response, error: GatewayError): void; onDone?(outcome: StreamOutcome): void },
  ): void {
    writeEventStream(response, run.events.pipe(tap((event) => announceAnswerer(response, event))), encoder, {
      keepAliveMs: options.keepAliveMs,
      sendError: (error) => options.sendError(response, error),
      flow: run.flow,
      // Committed before the closing frames go out, so an answer a client fully received is
      // never lost to a crash (see Recording.endDurably).
      onDone: async (outcome) => {
        await run.recording.endDurably(outcome);
        options.onDone?.(outcome);
      },
    });
  }

  /**
   * The non-streaming answer: the same events, reduced. A failure throws for the exception
   * filter; `cancelled` says the client hung up before the answer was complete.
   */
  async reduce(events: Observable<ChatEvent>, run: SurfaceRun, response: Response): Promise<{ result: ChatResult; cancelled: boolean }> {
    const result = await reduceChatEvents(events.pipe(tap((event) => announceAnswerer(response, event))));
    if (result.error) {
      await run.recording.endDurably({ statusCode: result.error.status, cancelled: false, error: result.error });
      throw result.error;
    }
    if (!result.finishReason) {
      run.recording.end({ statusCode: 499, cancelled: true });
      return { result, cancelled: true };
    }
    await run.recording.endDurably({ statusCode: 200, cancelled: false });
    return { result, cancelled: false };
  }
}

/** Which provider (and Qwen account) answered, as response headers, set before the body starts. */
function announceAnswerer(response: Response, event: ChatEvent): void {
  if (event.type !== 'response-start' || response.headersSent) return;
  response.setHeader('x-provider', event.provider);
  if (event.provider === 'qwen-web' && event.account) response.setHeader('x-qwen-account', event.account);
}
