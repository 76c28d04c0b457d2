import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';
import type { ChatEvent, ChatRequest } from '@qwen-proxy/contracts';
import { type ChatProvider, qwenWebProviderId, reduceChatEvents } from '@qwen-proxy/providers';
import { writeEventStream } from '../common/event-stream-writer';
import { sendOpenAiError } from '../common/gateway-exception.filter';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QWEN_WEB_PROVIDER } from '../qwen/qwen.constants';
import { RouterService } from '../router/router.service';
import { type Recording, RequestRecorder } from '../recording/request-recorder';
import { type OpenAiCompletion, toOpenAiCompletion } from './openai-completion.mapping';
import { OpenAiStreamEncoder } from './openai-stream-encoder';

export interface ChatRun {
  id: string;
  created: number;
  model: string;
  events: Observable<ChatEvent>;
  recording: Recording;
}

/** The OpenAI surface over a provider: one event stream, written as SSE or reduced to JSON. */
@Injectable()
export class OpenAiChatService {
  constructor(
    @Inject(QWEN_WEB_PROVIDER) private readonly qwen: ChatProvider,
    private readonly router: RouterService,
    private readonly models: ModelCatalogueService,
    private readonly recorder: RequestRecorder,
  ) {}

  /** The proxy port refuses a model Qwen does not list; the router resolves models itself. */
  async assertModel(model: string, listener: 'proxy' | 'router'): Promise<void> {
    if (listener === 'proxy') await this.models.assertKnown(model);
  }

  start(request: ChatRequest, context: { requestId: string; listener: 'proxy' | 'router'; userAgent?: string; body: unknown; apiKeyId?: string }): ChatRun {
    const recording = this.recorder.begin({
      requestId: context.requestId,
      listener: context.listener,
      surface: 'openai-chat',
      model: request.model,
      stream: request.stream,
      messageCount: request.messages.length,
      clientUserAgent: context.userAgent,
      body: context.body,
      provider: context.listener === 'proxy' ? qwenWebProviderId : undefined,
      apiKeyId: context.apiKeyId,
    });
    const provider = context.listener === 'router' ? this.router : this.qwen;
    const events = provider
      .chat(request, { requestId: context.requestId, onAttempt: (attempt) => recording.addAttempt(attempt) })
      .pipe(tap((event) => recording.observe(event)));
    return {
      id: `chatcmpl-${context.requestId.replace(/^req_/, '')}`,
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      events,
      recording,
    };
  }

  stream(run: ChatRun, response: Response, options: { includeUsage: boolean; keepAliveMs: number }): void {
    writeEventStream(
      response,
      run.events.pipe(tap((event) => announceAnswerer(response, event))),
      new OpenAiStreamEncoder({ id: run.id, model: run.model, created: run.created, includeUsage: options.includeUsage }),
      {
        keepAliveMs: options.keepAliveMs,
        sendError: (error) => sendOpenAiError(response, error),
        onDone: (outcome) => run.recording.endDurably(outcome),
      },
    );
  }

  /** The non-streaming answer: the same events, reduced. A failure throws for the filter. */
  async complete(events: Observable<ChatEvent>, run: ChatRun, response: Response): Promise<OpenAiCompletion> {
    const result = await reduceChatEvents(events.pipe(tap((event) => announceAnswerer(response, event))));
    if (result.error) {
      await run.recording.endDurably({ statusCode: result.error.status, cancelled: false, error: result.error });
      throw result.error;
    }
    if (!result.finishReason) {
      // The stream stopped without an answer: the client hung up.
      run.recording.end({ statusCode: 499, cancelled: true });
      return toOpenAiCompletion(result, run);
    }
    // Committed before the completion is sent: see Recording.endDurably.
    await run.recording.endDurably({ statusCode: 200, cancelled: false });
    return toOpenAiCompletion(result, run);
  }
}

/** Which provider (and Qwen account) answered, as response headers, set before the body starts. */
function announceAnswerer(response: Response, event: ChatEvent): void {
  if (event.type !== 'response-start' || response.headersSent) return;
  response.setHeader('x-provider', event.provider);
  if (event.provider === 'qwen-web' && event.account) response.setHeader('x-qwen-account', event.account);
}
