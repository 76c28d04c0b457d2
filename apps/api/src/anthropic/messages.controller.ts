import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ClientKeyGuard } from '../security/client-key.guard';
import { AnthropicMessagesService } from './anthropic-messages.service';
import { CountTokensRequestDto } from './dto/count-tokens-request.dto';
import { MessagesRequestDto } from './dto/messages-request.dto';
import { anthropicMessageContent, countTokensSchema } from '../docs/response-schemas';

@ApiTags('anthropic')
@ApiHeader({ name: 'x-api-key', description: 'An API key; in open mode any non-empty value (GET /api/api-keys/access says which mode is on). Authorization: Bearer works too.' })
@UseGuards(ClientKeyGuard)
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly messages: AnthropicMessagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Anthropic Messages, streaming (named SSE events) or not. Claude Code works with ANTHROPIC_BASE_URL set to the proxy.' })
  @ApiOkResponse({ description: 'A `message`, or a `text/event-stream` from `message_start` to `message_stop`.', content: anthropicMessageContent })
  async create(@Body() body: MessagesRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('request-id', request.requestId);
    await this.messages.answer(body, request, response, { keepAliveMs: this.config.streamKeepAliveMs });
  }

  @Post('count_tokens')
  @HttpCode(200)
  @ApiOperation({
    summary: "Counts the input tokens of a Messages request, locally: Qwen3's tokenizer on the proxy port, o200k on the router; the `x-tokenizer` header names it.",
  })
  @ApiOkResponse({ description: '`{"input_tokens": n}`', schema: countTokensSchema })
  async countTokens(@Body() body: CountTokensRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ input_tokens: number }> {
    response.setHeader('request-id', request.requestId);
    // Counting is local, not a model request: it leaves no row in the request log.
    request.recordingStarted = true;
    const { inputTokens, tokenizer } = await this.messages.countTokens(body, request);
    response.setHeader('x-tokenizer', tokenizer);
    return { input_tokens: inputTokens };
  }
}
