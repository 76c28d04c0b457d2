import { Body, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ClientKeyGuard } from '../security/client-key.guard';
import { CompletionsService } from './completions.service';
import { CompletionRequestDto } from './dto/completion-request.dto';
import { textCompletionContent } from '../docs/response-schemas';

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1/completions')
export class CompletionsController {
  constructor(
    private readonly completions: CompletionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'OpenAI legacy text completions (one prompt), streaming or not.' })
  @ApiOkResponse({ description: 'A `text_completion`, or a `text/event-stream` of them ending with `data: [DONE]`.', content: textCompletionContent })
  async create(@Body() body: CompletionRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.completions.answer(body, request, response, { keepAliveMs: this.config.streamKeepAliveMs });
  }
}
