import { Inject, Injectable } from '@nestjs/common';
import { TokenCounter, type TokenizerName } from '@qwen-proxy/providers';
import type { Request, Response } from 'express';
import { fromEvent, takeUntil } from 'rxjs';
import { sessionHintOf } from '../common/session-hint';
import { type ListenerName, listenerOf, SurfaceChatRunner } from '../common/surface-chat-runner';
import { SettingsService } from '../settings/settings.service';
import { QWEN_TOKEN_COUNTER } from '../tokenizer/tokenizer.module';
import { sendAnthropicError } from './anthropic-error.mapping';
import { toAnthropicMessage } from './anthropic-message.mapping';
import { toChatRequest } from './anthropic-request.mapping';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder';
import { countInputTokens, estimateInputTokens } from './anthropic-token-count';
import { isClaudeModel, standInModelFor } from './claude-model.mapping';
import type { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import type { MessagesRequestDto } from './dto/messages-request.dto';

/** The Anthropic Messages surface over a provider: one event stream, written as SSE or reduced to JSON. */
@Injectable()
export class AnthropicMessagesService {
  constructor(
    private readonly runner: SurfaceChatRunner,
    private readonly settings: SettingsService,
    private readonly tokens: TokenCounter,
    @Inject(QWEN_TOKEN_COUNTER) private readonly qwenTokens: TokenCounter,
  ) {}

  async answer(body: MessagesRequestDto, request: Request, response: Response, options: { keepAliveMs: number }): Promise<void> {
    const listener = listenerOf(request);
    const model = await this.modelFor(body.model, listener);
    const chatRequest = toChatRequest(body, { model, sessionKey: sessionHintOf(request) });
    const inputTokens = await estimateInputTokens(body, this.counterFor(listener));
    request.recordingStarted = true;
    const run = this.runner.start(chatRequest, {
      requestId: request.requestId,
      listener,
      surface: 'anthropic-messages',
      answerModel: body.model,
      userAgent: request.header('user-agent'),
      body,
      apiKeyId: request.apiKey?.id,
    });
    const answer = { id: `msg_${request.requestId.replace(/^req_/, '')}`, model: body.model, inputTokens };
    if (chatRequest.stream) {
      return this.runner.stream(run, response, new AnthropicStreamEncoder(answer), { keepAliveMs: options.keepAliveMs, sendError: sendAnthropicError });
    }
    const { result } = await this.runner.reduce(run.events.pipe(takeUntil(fromEvent(response, 'close'))), run, response);
    response.status(200).json(toAnthropicMessage(result, answer));
  }

  /** Counted locally: the model name is checked as for a message, but nothing goes upstream. */
  async countTokens(body: CountTokensRequestDto, request: Request): Promise<{ inputTokens: number; tokenizer: TokenizerName }> {
    const listener = listenerOf(request);
    await this.modelFor(body.model, listener);
    const counter = this.counterFor(listener);
    return { inputTokens: await countInputTokens(body, counter), tokenizer: counter.tokenizer };
  }

  /**
   * The proxy port answers with chat.qwen.ai, so it counts with Qwen's tokenizer; the router's
   * upstreams are OpenAI-compatible services, counted with o200k (nothing is routed to count).
   */
  private counterFor(listener: ListenerName): TokenCounter {
    return listener === 'proxy' ? this.qwenTokens : this.tokens;
  }

  /**
   * Claude clients (Claude Code) name Claude models and cannot be told otherwise: on the proxy a
   * Claude name answers with its alias or the stand-in; on the router a name some provider serves
   * (itself or by alias) stays, and an unserved Claude name gets the stand-in too.
   */
  private async modelFor(model: string, listener: ListenerName): Promise<string> {
    const aliases = this.settings.get().modelAliases;
    if (listener === 'router') {
      if (!isClaudeModel(model) || (await this.runner.routerServes(model))) return model;
      return this.runner.availableModel(standInModelFor(model, aliases));
    }
    const mapped = standInModelFor(model, aliases);
    // A Claude name must answer whatever Qwen currently lists: a stand-in that is gone (or none
    // configured) becomes the account's default model.
    const standIn = isClaudeModel(model) ? await this.runner.availableModel(mapped) : mapped!;
    await this.runner.assertModel(standIn, listener);
    return standIn;
  }
}
