import { Body, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { fromEvent, takeUntil } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { sessionHintOf } from '../common/session-hint';
import { ClientKeyGuard } from '../security/client-key.guard';
import { ChatCompletionRequestDto } from './dto/chat-completion-request.dto';
import { OpenAiChatService } from './openai-chat.service';
import { toChatRequest } from './openai-request.mapping';
import { chatCompletionContent } from '../docs/response-schemas';

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1')
export class ChatCompletionsController {
  constructor(
    private readonly chat: OpenAiChatService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('chat/completions')
  @ApiOperation({ summary: 'OpenAI chat completions, streaming (SSE) or not.' })
  @ApiOkResponse({ description: 'A `chat.completion`, or a `text/event-stream` of `chat.completion.chunk`s ending with `data: [DONE]`.', content: chatCompletionContent })
  async create(@Body() body: ChatCompletionRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const chatRequest = toChatRequest(body, sessionHintOf(request));
    const listener = request.listener === 'router' ? 'router' : 'proxy';
    await this.chat.assertModel(chatRequest.model, listener);
    request.recordingStarted = true;
    const run = this.chat.start(chatRequest, {
      requestId: request.requestId,
      listener,
      userAgent: request.header('user-agent'),
      body,
      apiKeyId: request.apiKey?.id,
    });
    if (chatRequest.stream) {
      return this.chat.stream(run, response, {
        includeUsage: body.stream_options?.include_usage === true,
        keepAliveMs: this.config.streamKeepAliveMs,
      });
    }
    const completion = await this.chat.complete(run.events.pipe(takeUntil(fromEvent(response, 'close'))), run, response);
    response.status(200).json(completion);
  }
}
