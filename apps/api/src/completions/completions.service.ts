import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fromEvent, takeUntil } from 'rxjs';
import { sendOpenAiError } from '../common/gateway-exception.filter';
import { sessionHintOf } from '../common/session-hint';
import { listenerOf, SurfaceChatRunner } from '../common/surface-chat-runner';
import { toChatRequest } from './completions-request.mapping';
import { CompletionsStreamEncoder } from './completions-stream-encoder';
import type { CompletionRequestDto } from './dto/completion-request.dto';
import { toTextCompletion } from './text-completion.mapping';

/** The legacy completions surface over a provider: one event stream, written as SSE or reduced to JSON. */
@Injectable()
export class CompletionsService {
  constructor(private readonly runner: SurfaceChatRunner) {}

  async answer(body: CompletionRequestDto, request: Request, response: Response, options: { keepAliveMs: number }): Promise<void> {
    const listener = listenerOf(request);
    const chatRequest = toChatRequest(body, sessionHintOf(request));
    await this.runner.assertModel(chatRequest.model, listener);
    request.recordingStarted = true;
    const run = this.runner.start(chatRequest, {
      requestId: request.requestId,
      listener,
      surface: 'openai-completions',
      userAgent: request.header('user-agent'),
      body,
      apiKeyId: request.apiKey?.id,
    });
    const identity = { id: `cmpl-${request.requestId.replace(/^req_/, '')}`, model: run.model, created: run.created };
    if (chatRequest.stream) {
      const encoder = new CompletionsStreamEncoder({ ...identity, includeUsage: body.stream_options?.include_usage === true });
      return this.runner.stream(run, response, encoder, { keepAliveMs: options.keepAliveMs, sendError: sendOpenAiError });
    }
    const { result } = await this.runner.reduce(run.events.pipe(takeUntil(fromEvent(response, 'close'))), run, response);
    response.status(200).json(toTextCompletion(result, identity));
  }
}
