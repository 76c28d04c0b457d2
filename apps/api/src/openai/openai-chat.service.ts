import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { ChatEvent, ChatRequest } from '@qwen-proxy/contracts';
import { sendOpenAiError } from '../common/gateway-exception.filter';
import { type ListenerName, SurfaceChatRunner, type SurfaceRun } from '../common/surface-chat-runner';
import { type OpenAiCompletion, toOpenAiCompletion } from './openai-completion.mapping';
import { OpenAiStreamEncoder } from './openai-stream-encoder';

export interface ChatRun extends SurfaceRun {
  /** The `chatcmpl-…` id every chunk of the answer carries. */
  id: string;
}

/** The Chat Completions surface: OpenAI's framing over the shared SurfaceChatRunner. */
@Injectable()
export class OpenAiChatService {
  constructor(private readonly runner: SurfaceChatRunner) {}

  assertModel(model: string, listener: ListenerName): Promise<void> {
    return this.runner.assertModel(model, listener);
  }

  start(request: ChatRequest, context: { requestId: string; listener: ListenerName; userAgent?: string; body: unknown; apiKeyId?: string }): ChatRun {
    const run = this.runner.start(request, { ...context, surface: 'openai-chat' });
    return { ...run, id: `chatcmpl-${context.requestId.replace(/^req_/, '')}` };
  }

  stream(run: ChatRun, response: Response, options: { includeUsage: boolean; keepAliveMs: number }): void {
    this.runner.stream(run, response, new OpenAiStreamEncoder({ id: run.id, model: run.model, created: run.created, includeUsage: options.includeUsage }), {
      keepAliveMs: options.keepAliveMs,
      sendError: sendOpenAiError,
    });
  }

  /** The non-streaming answer: the same events, reduced. A failure throws for the filter. */
  async complete(events: Observable<ChatEvent>, run: ChatRun, response: Response): Promise<OpenAiCompletion> {
    const { result } = await this.runner.reduce(events, run, response);
    return toOpenAiCompletion(result, run);
  }
}
